import { DEFAULT_EVENT_REGENCIES } from '../../../shared/domain/regency';
import type { ParticipantFields } from '../../../shared/events';
import { seededRandom, type Random } from './random';

/**
 * Synthetic participants for the demo event, tests and benchmarks: Banjar and Indonesian names
 * put together at random, so no real person is described. Same count and seed, same list.
 */

const MEN = [
  'Muhammad', 'Ahmad', 'Abdul', 'Rahmadi', 'Jumberi', 'Syamsul', 'Fathurrahman', 'Rusdi', 'Yusran', 'Hamdan',
  'Zainal', 'Saukani', 'Mahmud', "Ja'far", 'Arsyad', 'Khairul', 'Anang', 'Iberahim', 'Samsuri', 'Rifani',
];
const WOMEN = [
  'Siti', "Nur'aini", "Ma'rifah", 'Halimah', 'Rahmah', 'Normasari', 'Noorlatifah', 'Khairunnisa', 'Rabiatul',
  'Mariani', 'Fitriani', 'Aulia', 'Nor Aida', 'Yanti', 'Wahyuni', 'Adawiyah', 'Masitah', 'Jamilah', 'Salasiah',
];
const FAMILY = [
  'Rahman', 'Ramadhani', 'Rifai', 'Hidayat', 'Syahrani', 'Saputra', 'Noor', 'Fauzi', 'Aini', 'Anwar', 'Sidiq',
  'Kamal', 'Zulkifli', 'Arsyad', 'Hasanah', 'Mulyani', 'Al-Banjari', 'Effendi', 'Hairani', 'Maulida',
];
const DEGREES = ['S.Pd.', 'S.E.', 'S.Sos.', 'A.Md.'];

const SHOPS = ['Olahan', 'Dapur', 'Toko', 'Rumah Kue', 'Warung', 'Kedai', 'UD', 'CV', 'Aneka', 'Produk'];
const EPITHETS = [
  'Acil', 'Bungas', 'Intan', 'Permata', 'Barokah', 'Berkah', 'Sarigading', 'Banua', 'Sejahtera', 'Haji', 'Putri', 'Mandiri',
];

const PRODUCTS: readonly { type: string; name: string; short: string }[] = [
  { type: 'Makanan', name: 'Dodol Kandangan', short: 'Dodol' },
  { type: 'Makanan', name: 'Pundut Nasi', short: 'Pundut' },
  { type: 'Makanan', name: 'Wadai Cincin', short: 'Wadai' },
  { type: 'Makanan', name: 'Amplang Ikan Pipih', short: 'Amplang' },
  { type: 'Makanan', name: 'Kerupuk Ikan Haruan', short: 'Kerupuk' },
  { type: 'Makanan', name: 'Keripik Singkong Balado', short: 'Keripik' },
  { type: 'Makanan', name: 'Kue Bingka Kentang', short: 'Bingka' },
  { type: 'Makanan', name: 'Lempeng Pisang', short: 'Lempeng' },
  { type: 'Makanan', name: 'Abon Ikan Gabus', short: 'Abon' },
  { type: 'Makanan', name: 'Ikan Asin Sepat', short: 'Ikan Asin' },
  { type: 'Makanan', name: 'Lemang Ketan', short: 'Lemang' },
  { type: 'Makanan', name: 'Roti Pisang Kukus', short: 'Roti' },
  { type: 'Makanan', name: 'Wadai Apam Barabai', short: 'Apam' },
  { type: 'Minuman', name: 'Madu Kelulut', short: 'Madu' },
  { type: 'Minuman', name: 'Jamu Kunyit Asam', short: 'Jamu' },
  { type: 'Minuman', name: 'Teh Daun Sirsak', short: 'Teh' },
  { type: 'Minuman', name: 'Kopi Aranio', short: 'Kopi' },
];

const DISTRICTS: Record<string, readonly string[]> = {
  '63.01': ['Pelaihari', 'Takisung', 'Jorong', 'Kurau', 'Bati-Bati', 'Panyipatan', 'Kintap', 'Tambang Ulang', 'Bumi Makmur'],
  '63.03': [
    'Martapura', 'Martapura Timur', 'Astambul', 'Karang Intan', 'Sungai Tabuk', 'Gambut', 'Kertak Hanyar', 'Aluh-Aluh', 'Simpang Empat',
  ],
  '63.04': ['Marabahan', 'Alalak', 'Anjir Pasar', 'Anjir Muara', 'Mandastana', 'Tabunganen', 'Tamban', 'Belawang', 'Wanaraya'],
  '63.05': ['Tapin Utara', 'Tapin Selatan', 'Tapin Tengah', 'Candi Laras Selatan', 'Candi Laras Utara', 'Binuang', 'Lokpaikat', 'Bakarangan'],
  '63.71': ['Banjarmasin Barat', 'Banjarmasin Selatan', 'Banjarmasin Tengah', 'Banjarmasin Timur', 'Banjarmasin Utara'],
  '63.72': ['Banjarbaru Utara', 'Banjarbaru Selatan', 'Cempaka', 'Landasan Ulin', 'Liang Anggang'],
};

const STREETS = [
  'A. Yani', 'Veteran', 'Pramuka', 'Kelayan', 'Trikora', 'Sutoyo S.', 'Lambung Mangkurat', 'Pangeran Antasari', 'Sultan Adam', 'Panglima Batur',
];

/** Operator prefixes in use (0811… Telkomsel, 0855… Indosat, 0877… XL, 0896… Tri, 0881… Smartfren, 0831… Axis). */
const MOBILE_PREFIXES = [
  '811', '812', '813', '821', '822', '823', '852', '853', '855', '856', '857', '858',
  '859', '877', '878', '831', '838', '881', '882', '895', '896', '897', '898',
];

const TOTAL_TARGET = DEFAULT_EVENT_REGENCIES.reduce((sum, r) => sum + r.target, 0);

function regencyFor(random: Random): string {
  let roll = random.int(TOTAL_TARGET);
  for (const { code, target } of DEFAULT_EVENT_REGENCIES) {
    if (roll < target) return code;
    roll -= target;
  }
  return DEFAULT_EVENT_REGENCIES[0]!.code;
}

function personName(random: Random): string {
  const woman = random.chance(0.5);
  const parts: string[] = [];
  if (random.chance(0.15)) parts.push(woman ? 'Hj.' : 'H.');
  else if (random.chance(0.05)) parts.push('Ir.');
  if (random.chance(0.08)) parts.push('Gusti');
  parts.push(random.pick(woman ? WOMEN : MEN), random.pick(FAMILY));
  const name = parts.join(' ');
  return random.chance(0.05) ? `${name}, ${random.pick(DEGREES)}` : name;
}

/** `length` (≤ 15) random digits, leading zeros included. */
function digits(random: Random, length: number): string {
  const head = Math.max(0, length - 7);
  const tail = String(random.int(10 ** (length - head))).padStart(length - head, '0');
  return head ? String(random.int(10 ** head)).padStart(head, '0') + tail : tail;
}

export function generateParticipants(count: number, seed: number): ParticipantFields[] {
  const random = seededRandom(seed);
  const nibs = new Set<string>();
  const people: ParticipantFields[] = [];
  for (let i = 0; i < count; i++) {
    let nib = digits(random, 13);
    while (nibs.has(nib)) nib = digits(random, 13);
    nibs.add(nib);
    const regency = regencyFor(random);
    const product = random.pick(PRODUCTS);
    people.push({
      nib,
      name: personName(random),
      business: `${random.pick(SHOPS)} ${random.pick(EPITHETS)} ${product.short}`,
      phone: random.chance(0.04) ? null : `+62${random.pick(MOBILE_PREFIXES)}${digits(random, 7 + random.int(2))}`,
      regency,
      district: random.pick(DISTRICTS[regency]!),
      address: `Jl. ${random.pick(STREETS)} No. ${1 + random.int(200)}`,
      productType: product.type,
      productName: product.name,
    });
  }
  return people;
}
