/**
 * Plug-and-play and removable storage as MDE reports them in DeviceEvents: `PnpDeviceConnected`
 * (AdditionalFields ClassName, DeviceDescription, DeviceId, VendorIds, ClassId) for mice, keyboards
 * and USB sticks — a stick appears twice, as the USB mass-storage function and as the disk drive —
 * and `UsbDriveMounted` (DriveLetter, Manufacturer, ProductName, ProductRevision, SerialNumber,
 * Volume) when its volume gets a drive letter.
 */
import type { Rng } from '../prng.js';
import type { SimContext } from './context.js';

export interface UsbStick {
  readonly manufacturer: string;
  readonly product: string;
  readonly vid: string;
  readonly pid: string;
  readonly revision: string;
  readonly serial: string;
  readonly letter: string;
}

const STICKS = [
  ['SanDisk', 'Ultra', '0781', '5581'], ['Kingston', 'DataTraveler 3.0', '0951', '1666'], ['SanDisk', 'Cruzer Blade', '0781', '5567'],
  ['Samsung', 'Flash Drive FIT', '090C', '1000'], ['Verbatim', 'STORE N GO', '18A5', '0302'],
] as const;

export function randomStick(rng: Rng, letter = 'E:'): UsbStick {
  const [manufacturer, product, vid, pid] = rng.pick(STICKS);
  return { manufacturer, product, vid, pid, revision: rng.pick(['1.00', '0.00', 'PMAP', '1100']), serial: rng.hex(20).toUpperCase(), letter };
}

const HIDS = [
  ['HID-compliant mouse', 'Mouse', '046D', 'C52B', '{4d36e96f-e325-11ce-bfc1-08002be10318}'],
  ['HID Keyboard Device', 'Keyboard', '046D', 'C31C', '{4d36e96b-e325-11ce-bfc1-08002be10318}'],
  ['HID-compliant mouse', 'Mouse', '045E', '07A5', '{4d36e96f-e325-11ce-bfc1-08002be10318}'],
  ['HID Keyboard Device', 'Keyboard', '413C', '2113', '{4d36e96b-e325-11ce-bfc1-08002be10318}'],
] as const;

/** A USB mouse or keyboard (docking station reconnect). Returns the ReportId. */
export function connectHid(ctx: SimContext, dev: number, ts: number, rng: Rng): number {
  const [desc, cls, vid, pid, classId] = rng.pick(HIDS);
  const inst = `7&${rng.hex(8)}&0&0000`;
  return ctx.event(dev, null, ts, 'PnpDeviceConnected', { af: {
    ClassName: cls, DeviceDescription: desc, DeviceId: `HID\\VID_${vid}&PID_${pid}&MI_00\\${inst}`,
    VendorIds: `HID\\VID_${vid}&PID_${pid}&REV_1211&MI_00 HID\\VID_${vid}&PID_${pid}&MI_00`, ClassId: classId,
  } });
}

/** Connects a stick: two PnpDeviceConnected events and a UsbDriveMounted. Returns their ReportIds. */
export function connectStick(ctx: SimContext, dev: number, ts: number, stick: UsbStick, rng: Rng): { pnpUsb: number; pnpDisk: number; mounted: number } {
  const venTag = stick.manufacturer.toUpperCase().replace(/\s+/g, '_');
  const prodTag = stick.product.toUpperCase().replace(/\s+/g, '_');
  const pnpUsb = ctx.event(dev, null, ts, 'PnpDeviceConnected', { af: {
    ClassName: 'USB', DeviceDescription: 'USB Mass Storage Device', DeviceId: `USB\\VID_${stick.vid}&PID_${stick.pid}\\${stick.serial}`,
    VendorIds: `USB\\VID_${stick.vid}&PID_${stick.pid}&REV_0100 USB\\VID_${stick.vid}&PID_${stick.pid}`, ClassId: '{36fc9e60-c465-11cf-8056-444553540000}',
  } });
  const pnpDisk = ctx.event(dev, null, ts + 400_000, 'PnpDeviceConnected', { af: {
    ClassName: 'DiskDrive', DeviceDescription: `${stick.manufacturer} ${stick.product} USB Device`,
    DeviceId: `USBSTOR\\DISK&VEN_${venTag}&PROD_${prodTag}&REV_${stick.revision}\\${stick.serial}&0`,
    VendorIds: `USBSTOR\\Disk${venTag}_${prodTag}_${stick.revision} USBSTOR\\Disk${venTag} GenDisk`, ClassId: '{4d36e967-e325-11ce-bfc1-08002be10318}',
  } });
  const mounted = ctx.event(dev, null, ts + 1_900_000, 'UsbDriveMounted', { af: {
    DriveLetter: stick.letter, BusType: 'USB', Manufacturer: stick.manufacturer, ProductName: stick.product, ProductRevision: stick.revision,
    SerialNumber: stick.serial, Volume: `\\\\?\\Volume{${rng.hex(8)}-${rng.hex(4)}-11ef-${rng.hex(4)}-${rng.hex(12)}}\\`,
  } });
  return { pnpUsb, pnpDisk, mounted };
}
