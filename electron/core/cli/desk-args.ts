import { Desk } from '../desk';
import { required } from './args';

/** The desk of `--data DIR`, which most commands need. */
export function openDesk(data: string | undefined): Desk {
  return Desk.open(required(data, 'data'));
}

/** Who recorded it: `--operator NAME`, else "CLI". */
export function operatorOf(value: string | undefined): string {
  return value?.trim() || 'CLI';
}
