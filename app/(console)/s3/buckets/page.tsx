import { redirect } from 'next/navigation';

/** /s3/buckets is where the AWS console lists buckets; here the list lives at /s3. */
export default function BucketsIndex() {
  redirect('/s3');
}
