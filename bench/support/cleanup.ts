/** What to stop if the benchmark is interrupted (Ctrl-C): each step registers its child processes. */
const tasks = new Set<() => Promise<void> | void>();

export function onInterrupt(task: () => Promise<void> | void): () => void {
  tasks.add(task);
  return () => tasks.delete(task);
}

export async function runInterruptTasks() {
  await Promise.allSettled([...tasks].map((task) => task()));
  tasks.clear();
}
