/**
 * AHA PREVENT base-model coefficients (Khan SS et al., Circulation 2024;149:430–449, Supplemental Table S12).
 *
 * Each equation is a logistic model: risk = exp(x) / (1 + exp(x)), x = constant + Σ βᵢ·termᵢ, where the terms
 * are the centred and scaled predictors built in prevent-2023.model.ts (see `PreventTerms`). A term a model does
 * not use has no coefficient here (it counts as 0): the heart-failure equations have no lipid or statin terms,
 * the CVD and ASCVD equations no BMI terms, and only the 30-year equations have age².
 *
 * The values were transcribed from, and cross-checked between, two independent renderings of Table S12:
 *  - the Stata `prevent10i` / `prevent30i` commands (A. Linden, SSC, 2024), which print every coefficient of the
 *    10- and 30-year total-CVD, ASCVD and heart-failure equations for both sexes;
 *  - the CDC Kidney Disease Surveillance System methods page (KDSS, "Q811"), which prints the 10-year total-CVD
 *    equations for both sexes (identical to the 7 digits both give).
 * The test file checks the equations end to end against the supplement's worked example (Table S25) and the
 * paper's own example in its Results section.
 *
 * Coronary heart disease and stroke: PREVENT also fits separate CHD and stroke equations (given only in the
 * supplement's Excel workbook, not in Table S12). Their coefficients could not be obtained from a readable,
 * verifiable source, so they are deliberately absent; the model reports those outputs as `null` with a warning
 * rather than an unverified number.
 */

export interface PreventCoefficients {
  readonly constant: number;
  /** (age − 55) / 10 */
  readonly age: number;
  /** ((age − 55) / 10)², 30-year equations only */
  readonly ageSquared?: number;
  /** (TC − HDL-C) mmol/L − 3.5 */
  readonly nonHdl?: number;
  /** (HDL-C mmol/L − 1.3) / 0.3 */
  readonly hdl?: number;
  /** (min(SBP, 110) − 110) / 20 */
  readonly sbpLow: number;
  /** (max(SBP, 110) − 130) / 20 */
  readonly sbpHigh: number;
  readonly diabetes: number;
  readonly smoker: number;
  /** (min(BMI, 30) − 25) / 5, heart failure only */
  readonly bmiLow?: number;
  /** (max(BMI, 30) − 30) / 5, heart failure only */
  readonly bmiHigh?: number;
  /** (min(eGFR, 60) − 60) / −15 */
  readonly egfrLow: number;
  /** (max(eGFR, 60) − 90) / −15 */
  readonly egfrHigh: number;
  readonly bpTreated: number;
  readonly statin?: number;
  /** bp_treated × sbpHigh */
  readonly bpTreatedSbpHigh: number;
  /** statin × nonHdl */
  readonly statinNonHdl?: number;
  readonly ageNonHdl?: number;
  readonly ageHdl?: number;
  readonly ageSbpHigh: number;
  readonly ageDiabetes: number;
  readonly ageSmoker: number;
  readonly ageBmiHigh?: number;
  readonly ageEgfrLow: number;
}

export type PreventOutcome = 'total_cvd' | 'ascvd' | 'heart_failure';
export type PreventHorizon = '10y' | '30y';
export type PreventSex = 'female' | 'male';

type Table = Record<PreventHorizon, Record<PreventOutcome, Record<PreventSex, PreventCoefficients>>>;

export const PREVENT_BASE: Table = {
  '10y': {
    total_cvd: {
      female: {
        constant: -3.307728,
        age: 0.7939329,
        nonHdl: 0.0305239,
        hdl: -0.1606857,
        sbpLow: -0.2394003,
        sbpHigh: 0.3600781,
        diabetes: 0.8667604,
        smoker: 0.5360739,
        egfrLow: 0.6045917,
        egfrHigh: 0.0433769,
        bpTreated: 0.3151672,
        statin: -0.1477655,
        bpTreatedSbpHigh: -0.0663612,
        statinNonHdl: 0.1197879,
        ageNonHdl: -0.0819715,
        ageHdl: 0.0306769,
        ageSbpHigh: -0.0946348,
        ageDiabetes: -0.27057,
        ageSmoker: -0.078715,
        ageEgfrLow: -0.1637806,
      },
      male: {
        constant: -3.031168,
        age: 0.7688528,
        nonHdl: 0.0736174,
        hdl: -0.0954431,
        sbpLow: -0.4347345,
        sbpHigh: 0.3362658,
        diabetes: 0.7692857,
        smoker: 0.4386871,
        egfrLow: 0.5378979,
        egfrHigh: 0.0164827,
        bpTreated: 0.288879,
        statin: -0.1337349,
        bpTreatedSbpHigh: -0.0475924,
        statinNonHdl: 0.150273,
        ageNonHdl: -0.0517874,
        ageHdl: 0.0191169,
        ageSbpHigh: -0.1049477,
        ageDiabetes: -0.2251948,
        ageSmoker: -0.0895067,
        ageEgfrLow: -0.1543702,
      },
    },
    ascvd: {
      female: {
        constant: -3.819975,
        age: 0.719883,
        nonHdl: 0.1176967,
        hdl: -0.151185,
        sbpLow: -0.0835358,
        sbpHigh: 0.3592852,
        diabetes: 0.8348585,
        smoker: 0.4831078,
        egfrLow: 0.4864619,
        egfrHigh: 0.0397779,
        bpTreated: 0.2265309,
        statin: -0.0592374,
        bpTreatedSbpHigh: -0.0395762,
        statinNonHdl: 0.0844423,
        ageNonHdl: -0.0567839,
        ageHdl: 0.0325692,
        ageSbpHigh: -0.1035985,
        ageDiabetes: -0.2417542,
        ageSmoker: -0.0791142,
        ageEgfrLow: -0.1671492,
      },
      male: {
        constant: -3.500655,
        age: 0.7099847,
        nonHdl: 0.1658663,
        hdl: -0.1144285,
        sbpLow: -0.2837212,
        sbpHigh: 0.3239977,
        diabetes: 0.7189597,
        smoker: 0.3956973,
        egfrLow: 0.3690075,
        egfrHigh: 0.0203619,
        bpTreated: 0.2036522,
        statin: -0.0865581,
        bpTreatedSbpHigh: -0.0322916,
        statinNonHdl: 0.114563,
        ageNonHdl: -0.0300005,
        ageHdl: 0.0232747,
        ageSbpHigh: -0.0927024,
        ageDiabetes: -0.2018525,
        ageSmoker: -0.0970527,
        ageEgfrLow: -0.1217081,
      },
    },
    heart_failure: {
      female: {
        constant: -4.310409,
        age: 0.8998235,
        sbpLow: -0.4559771,
        sbpHigh: 0.3576505,
        diabetes: 1.038346,
        smoker: 0.583916,
        bmiLow: -0.0072294,
        bmiHigh: 0.2997706,
        egfrLow: 0.7451638,
        egfrHigh: 0.0557087,
        bpTreated: 0.3534442,
        bpTreatedSbpHigh: -0.0981511,
        ageSbpHigh: -0.0946663,
        ageDiabetes: -0.3581041,
        ageSmoker: -0.1159453,
        ageBmiHigh: -0.003878,
        ageEgfrLow: -0.1884289,
      },
      male: {
        constant: -3.946391,
        age: 0.8972642,
        sbpLow: -0.6811466,
        sbpHigh: 0.3634461,
        diabetes: 0.923776,
        smoker: 0.5023736,
        bmiLow: -0.0485841,
        bmiHigh: 0.3726929,
        egfrLow: 0.6926917,
        egfrHigh: 0.0251827,
        bpTreated: 0.2980922,
        bpTreatedSbpHigh: -0.0497731,
        ageSbpHigh: -0.1289201,
        ageDiabetes: -0.3040924,
        ageSmoker: -0.1401688,
        ageBmiHigh: 0.0068126,
        ageEgfrLow: -0.1797778,
      },
    },
  },
  '30y': {
    total_cvd: {
      female: {
        constant: -1.318827,
        age: 0.5503079,
        ageSquared: -0.0928369,
        nonHdl: 0.0409794,
        hdl: -0.1663306,
        sbpLow: -0.1628654,
        sbpHigh: 0.3299505,
        diabetes: 0.6793894,
        smoker: 0.3196112,
        egfrLow: 0.1857101,
        egfrHigh: 0.0553528,
        bpTreated: 0.2894,
        statin: -0.075688,
        bpTreatedSbpHigh: -0.056367,
        statinNonHdl: 0.1071019,
        ageNonHdl: -0.0751438,
        ageHdl: 0.0301786,
        ageSbpHigh: -0.0998776,
        ageDiabetes: -0.3206166,
        ageSmoker: -0.1607862,
        ageEgfrLow: -0.1450788,
      },
      male: {
        constant: -1.148204,
        age: 0.4627309,
        ageSquared: -0.0984281,
        nonHdl: 0.0836088,
        hdl: -0.1029824,
        sbpLow: -0.2140352,
        sbpHigh: 0.2904325,
        diabetes: 0.5331276,
        smoker: 0.2141914,
        egfrLow: 0.1155556,
        egfrHigh: 0.0603775,
        bpTreated: 0.232714,
        statin: -0.0272112,
        bpTreatedSbpHigh: -0.0384488,
        statinNonHdl: 0.134192,
        ageNonHdl: -0.0511759,
        ageHdl: 0.0165865,
        ageSbpHigh: -0.1101437,
        ageDiabetes: -0.2585943,
        ageSmoker: -0.1566406,
        ageEgfrLow: -0.1166776,
      },
    },
    ascvd: {
      female: {
        constant: -1.974074,
        age: 0.4669202,
        ageSquared: -0.0893118,
        nonHdl: 0.1256901,
        hdl: -0.1542255,
        sbpLow: -0.0018093,
        sbpHigh: 0.322949,
        diabetes: 0.6296707,
        smoker: 0.268292,
        egfrLow: 0.100106,
        egfrHigh: 0.0499663,
        bpTreated: 0.1875292,
        statin: 0.0152476,
        bpTreatedSbpHigh: -0.0276123,
        statinNonHdl: 0.0736147,
        ageNonHdl: -0.0521962,
        ageHdl: 0.0316918,
        ageSbpHigh: -0.1046101,
        ageDiabetes: -0.2727793,
        ageSmoker: -0.1530907,
        ageEgfrLow: -0.1299149,
      },
      male: {
        constant: -1.736444,
        age: 0.3994099,
        ageSquared: -0.0937484,
        nonHdl: 0.1744643,
        hdl: -0.120203,
        sbpLow: -0.0665117,
        sbpHigh: 0.2753037,
        diabetes: 0.4790257,
        smoker: 0.1782635,
        egfrLow: -0.0218789,
        egfrHigh: 0.0602553,
        bpTreated: 0.1421182,
        statin: 0.0135996,
        bpTreatedSbpHigh: -0.0218265,
        statinNonHdl: 0.1013148,
        ageNonHdl: -0.0312619,
        ageHdl: 0.020673,
        ageSbpHigh: -0.0920935,
        ageDiabetes: -0.2159947,
        ageSmoker: -0.1548811,
        ageEgfrLow: -0.0712547,
      },
    },
    heart_failure: {
      female: {
        constant: -2.205379,
        age: 0.6254374,
        ageSquared: -0.0983038,
        sbpLow: -0.3919241,
        sbpHigh: 0.3142295,
        diabetes: 0.8330787,
        smoker: 0.3438651,
        bmiLow: 0.0594874,
        bmiHigh: 0.2525536,
        egfrLow: 0.2981642,
        egfrHigh: 0.0667159,
        bpTreated: 0.333921,
        bpTreatedSbpHigh: -0.0893177,
        ageSbpHigh: -0.0974299,
        ageDiabetes: -0.404855,
        ageSmoker: -0.1982991,
        ageBmiHigh: -0.0035619,
        ageEgfrLow: -0.1564215,
      },
      male: {
        constant: -1.95751,
        age: 0.5681541,
        ageSquared: -0.1048388,
        sbpLow: -0.4761564,
        sbpHigh: 0.30324,
        diabetes: 0.6840338,
        smoker: 0.2656273,
        bmiLow: 0.0833107,
        bmiHigh: 0.26999,
        egfrLow: 0.2541805,
        egfrHigh: 0.0638923,
        bpTreated: 0.2583631,
        bpTreatedSbpHigh: -0.0391938,
        ageSbpHigh: -0.1269124,
        ageDiabetes: -0.3273572,
        ageSmoker: -0.2043019,
        ageBmiHigh: -0.0182831,
        ageEgfrLow: -0.1342618,
      },
    },
  },
};
