/**
 * Known blind spots of the data a hunt used: what Defender for Endpoint does not record (no
 * file-open events, no byte counts on connections, no content of HTTPS uploads…), tables a rule
 * reads that are empty in the store, and tables whose data does not cover the hunt window. Each
 * entry says what could not be seen and how the hunt worked around it.
 */
import type { BlindSpot, ReportTable } from './model.js';

const STATIC: readonly { readonly when: (tables: ReadonlySet<string>) => boolean; readonly spot: BlindSpot }[] = [
  {
    when: (t) => t.has('DeviceFileEvents') || t.has('DeviceProcessEvents'),
    spot: {
      title: 'No file-open events',
      detail: 'MDE records file creation, modification, renaming and deletion (DeviceFileEvents), not reads. Document access is inferred from the command lines of the programs that opened them (DeviceProcessEvents) and from SensitiveFileRead events (DeviceEvents), which only exist for files carrying a sensitivity label.',
    },
  },
  {
    when: (t) => t.has('DeviceNetworkEvents'),
    spot: {
      title: 'No byte counts or upload contents',
      detail: 'DeviceNetworkEvents records connections (remote address, port, URL), not the bytes sent nor what was in an HTTPS upload. Uploads to cloud storage are inferred from bursts of connections; what left the device is inferred from the files the uploading process touched.',
    },
  },
  {
    when: (t) => t.has('DeviceEvents') || t.has('DeviceFileEvents'),
    spot: {
      title: 'Removable media depend on device control auditing',
      detail: 'USB mounts (DeviceEvents UsbDriveMounted, PnpDeviceConnected) and the files written to removable drives are recorded only when the events are enabled; copies made by a process that bypasses the file system (e.g. a phone over MTP) are not seen.',
    },
  },
  {
    when: () => true,
    spot: {
      title: 'Event sampling and retention',
      detail: 'MDE caps and de-duplicates high-volume events (network connections, image loads, some file events) and keeps 30 days in Advanced Hunting: absence of an event is not proof it did not happen.',
    },
  },
];

export function blindSpots(tables: readonly ReportTable[], windowHours: number): BlindSpot[] {
  const used = new Set(tables.filter((t) => t.usedBy.length > 0).map((t) => t.table));
  const out = STATIC.filter((s) => s.when(used)).map((s) => s.spot);
  for (const t of tables) {
    if (t.usedBy.length === 0) continue;
    if (t.rows === 0) {
      out.push({ title: `${t.table} is empty`, detail: `the store has no ${t.table} rows, so ${t.usedBy.join(', ')} could not see anything in it.` });
    } else if (t.coveredHours < windowHours * 0.9) {
      out.push({ title: `${t.table} covers ${t.coveredHours.toFixed(1)} of ${windowHours.toFixed(1)} hours`, detail: `the hunt window starts before ${t.table}'s first row (${t.first}) or ends after its last (${t.last}).` });
    }
  }
  return out;
}
