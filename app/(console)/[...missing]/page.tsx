import { notFound } from 'next/navigation';

/** Unknown console URLs get the not-found page inside the console frame, not a bare 404. */
export default function Missing() {
  notFound();
}
