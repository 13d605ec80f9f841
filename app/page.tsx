import { redirect } from 'next/navigation';

/** The product is about flow logs; that is where the console opens. */
export default function Home() {
  redirect('/vpc/flow-logs');
}
