/**
 * Short desk sounds made with WebAudio (no files, nothing to load). A success is one bright beep,
 * an error a low double buzz; "already present" is a soft neutral tone, deliberately not the error
 * sound (the participant did nothing wrong).
 */
export type Cue = 'success' | 'notice' | 'error';

let context: AudioContext | null = null;
let muted = false;

export function setMuted(value: boolean): void {
  muted = value;
}

function tone(ctx: AudioContext, frequency: number, start: number, duration: number, type: OscillatorType, volume: number) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(volume, start + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + duration + 0.02);
}

export function play(cue: Cue): void {
  if (muted || typeof window === 'undefined' || typeof window.AudioContext !== 'function') return;
  try {
    context ??= new window.AudioContext();
    const ctx = context;
    if (ctx.state === 'suspended') void ctx.resume();
    const now = ctx.currentTime;
    if (cue === 'success') tone(ctx, 1320, now, 0.16, 'sine', 0.25);
    else if (cue === 'notice') tone(ctx, 660, now, 0.22, 'sine', 0.15);
    else {
      tone(ctx, 220, now, 0.18, 'square', 0.12);
      tone(ctx, 196, now + 0.24, 0.22, 'square', 0.12);
    }
  } catch {
    // Sound is a help, never a requirement.
  }
}
