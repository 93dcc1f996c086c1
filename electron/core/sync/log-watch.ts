import type { Desk } from '../desk';

/**
 * "This desk's log grew through replication", for the desk's other links, without refreshing its
 * in-memory view (which `Desk.onChange` implies): a catch-up batch must travel on to other peers at
 * once, while re-indexing the view can wait for the screens that read it.
 */
const watchers = new WeakMap<Desk, Set<() => void>>();

export function watchLog(desk: Desk, listener: () => void): () => void {
  let set = watchers.get(desk);
  if (!set) watchers.set(desk, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

export function logGrew(desk: Desk): void {
  for (const listener of watchers.get(desk) ?? []) listener();
}
