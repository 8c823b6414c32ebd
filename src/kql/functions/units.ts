/**
 * convert_length/mass/speed/volume/energy/force/angle/temperature: a factor table per family
 * (value in the family's base unit); unknown units give null, like Kusto.
 */
import { defineFunctions, scalar, type FnDef } from './catalog.js';
import { as, literalString } from './common.js';

const LENGTH: Record<string, number> = { Meter: 1, Kilometer: 1000, Centimeter: 0.01, Millimeter: 0.001, Micrometer: 1e-6, Nanometer: 1e-9, Decimeter: 0.1, Hectometer: 100, Decameter: 10, Mile: 1609.344, Yard: 0.9144, Foot: 0.3048, Inch: 0.0254, NauticalMile: 1852, Mil: 0.0000254, Microinch: 2.54e-8, Hand: 0.1016, Fathom: 1.8288, Chain: 20.1168, Shackle: 27.432, UsSurveyFoot: 1200 / 3937, LightYear: 9.46073047258e15, AstronomicalUnit: 1.495978707e11, Parsec: 3.08567758128e16 };
const MASS: Record<string, number> = { Kilogram: 1, Gram: 0.001, Milligram: 1e-6, Microgram: 1e-9, Nanogram: 1e-12, Tonne: 1000, Pound: 0.45359237, Ounce: 0.028349523125, Stone: 6.35029318, ShortTon: 907.18474, LongTon: 1016.0469088, Grain: 0.00006479891, Slug: 14.593902937206364, Decagram: 0.01, Hectogram: 0.1, Kilopound: 453.59237, Megapound: 453592.37, Centigram: 0.00001, Decigram: 0.0001, Megatonne: 1e9, Kilotonne: 1e6 };
const SPEED: Record<string, number> = { MeterPerSecond: 1, KilometerPerHour: 1 / 3.6, MilePerHour: 0.44704, Knot: 1852 / 3600, FootPerSecond: 0.3048, CentimeterPerHour: 0.01 / 3600, CentimeterPerSecond: 0.01, MeterPerHour: 1 / 3600, MeterPerMinute: 1 / 60, KilometerPerSecond: 1000, KilometerPerMinute: 1000 / 60, MillimeterPerSecond: 0.001, MillimeterPerHour: 0.001 / 3600, InchPerSecond: 0.0254, FootPerMinute: 0.3048 / 60, FootPerHour: 0.3048 / 3600, YardPerSecond: 0.9144, YardPerMinute: 0.9144 / 60, YardPerHour: 0.9144 / 3600, MilePerSecond: 1609.344 };
const VOLUME: Record<string, number> = { CubicMeter: 1, Liter: 0.001, Milliliter: 1e-6, CubicCentimeter: 1e-6, CubicKilometer: 1e9, CubicFoot: 0.028316846592, CubicInch: 0.000016387064, CubicYard: 0.764554857984, UsGallon: 0.003785411784, ImperialGallon: 0.00454609, AcreFoot: 1233.48183754752, UsQuart: 0.000946352946, UsPint: 0.000473176473, UsOunce: 0.0000295735295625, Deciliter: 0.0001, Centiliter: 0.00001, Hectoliter: 0.1, Kiloliter: 1 };
const ENERGY: Record<string, number> = { Joule: 1, Kilojoule: 1000, Megajoule: 1e6, Gigajoule: 1e9, Millijoule: 0.001, Calorie: 4.184, Kilocalorie: 4184, BritishThermalUnit: 1055.05585262, WattHour: 3600, KilowattHour: 3.6e6, MegawattHour: 3.6e9, GigawattHour: 3.6e12, ElectronVolt: 1.602176634e-19, Erg: 1e-7, FootPound: 1.3558179483314004, ThermEc: 105505585.262, ThermUs: 105480400, ThermImperial: 105505585.257348 };
const FORCE: Record<string, number> = { Newton: 1, Decanewton: 10, Kilonewton: 1000, Meganewton: 1e6, Millinewton: 0.001, Micronewton: 1e-6, Dyn: 1e-5, KilogramForce: 9.80665, TonneForce: 9806.65, PoundForce: 4.4482216152605, KilopoundForce: 4448.2216152605, OunceForce: 0.27801385095378125, Poundal: 0.138254954376, ShortTonForce: 8896.443230521 };
const ANGLE: Record<string, number> = { Degree: 1, Radian: 180 / Math.PI, Arcminute: 1 / 60, Arcsecond: 1 / 3600, Gradian: 0.9, Revolution: 360, Milliradian: 0.18 / Math.PI, Microradian: 0.00018 / Math.PI, Millidegree: 0.001, Microdegree: 1e-6, Nanodegree: 1e-9, Nanoradian: 1.8e-7 / Math.PI, Centiradian: 1.8 / Math.PI, Deciradian: 18 / Math.PI, NatoMil: 360 / 6400 };

function factorConversion(table: Record<string, number>): FnDef {
  return scalar(([v, from, to], cx) => {
    const f = table[literalString(from!) ?? ''];
    const t = table[literalString(to!) ?? ''];
    if (f === undefined || t === undefined) return `CAST(NULL AS ${cx.h('sqlType')('real')})`;
    return `(${as(v!, 'real', cx)} * ${f} / ${t})`;
  });
}

/** Temperatures are affine: to Kelvin, then from Kelvin. */
const TO_K: Record<string, (x: string) => string> = {
  Kelvin: (x) => x, DegreeCelsius: (x) => `(${x} + 273.15)`, DegreeFahrenheit: (x) => `((${x} - 32) * 5 / 9 + 273.15)`,
  DegreeRankine: (x) => `(${x} * 5 / 9)`, DegreeDelisle: (x) => `(373.15 - ${x} * 2 / 3)`, DegreeNewton: (x) => `(${x} * 100 / 33 + 273.15)`,
  DegreeReaumur: (x) => `(${x} * 5 / 4 + 273.15)`, DegreeRoemer: (x) => `((${x} - 7.5) * 40 / 21 + 273.15)`,
};
const FROM_K: Record<string, (k: string) => string> = {
  Kelvin: (k) => k, DegreeCelsius: (k) => `(${k} - 273.15)`, DegreeFahrenheit: (k) => `((${k} - 273.15) * 9 / 5 + 32)`,
  DegreeRankine: (k) => `(${k} * 9 / 5)`, DegreeDelisle: (k) => `((373.15 - ${k}) * 3 / 2)`, DegreeNewton: (k) => `((${k} - 273.15) * 33 / 100)`,
  DegreeReaumur: (k) => `((${k} - 273.15) * 4 / 5)`, DegreeRoemer: (k) => `((${k} - 273.15) * 21 / 40 + 7.5)`,
};

defineFunctions({
  convert_length: factorConversion(LENGTH),
  convert_mass: factorConversion(MASS),
  convert_speed: factorConversion(SPEED),
  convert_volume: factorConversion(VOLUME),
  convert_energy: factorConversion(ENERGY),
  convert_force: factorConversion(FORCE),
  convert_angle: factorConversion(ANGLE),
  convert_temperature: scalar(([v, from, to], cx) => {
    const f = TO_K[literalString(from!) ?? ''];
    const t = FROM_K[literalString(to!) ?? ''];
    if (!f || !t) return `CAST(NULL AS ${cx.h('sqlType')('real')})`;
    return t(f(as(v!, 'real', cx)));
  }),
});
