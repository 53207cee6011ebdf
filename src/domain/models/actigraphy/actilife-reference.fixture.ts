/*
 * ActiLife 6 reference scoring, transcribed (axis-1 counts and the S/W states ActiLife exported) from
 * dipetkov/actigraph.sleepr, inst/extdata/GT3XPlus-RawData-Day01-sleep-awake.csv: a GT3X+ recording collapsed to
 * 60 s epochs by ActiLife, with ActiLife's own Sadeh and Cole-Kripke columns. The package's test
 * (tests/testthat/test_sleep_func.R) checks its scorers are identical to these columns.
 *
 * Two segments: the first 331 epochs of the file (2012-06-27 10:54 to 16:24, so the series start is the real one)
 * and the last 133 epochs (2012-06-28 09:41 to 11:53, so the series end is the real one). Data facts only:
 * device measurements and the proprietary scorer's published outputs, used as reference values; no code of that
 * package (licensed GPL-2.0-or-later) is used. Test-only: excluded from the build.
 */

/** 2012-06-27T10:54 … 16:24: the start of the recording (epochs whose window reaches past 16:24 are not comparable). */
export const ACTILIFE_HEAD = {
  axis1: [
    1465, 207, 169, 0, 157, 23, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 298, 3215, 121, 230, 0, 491, 0, 49, 154, 66, 0, 0, 3959, 1144, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 705, 7, 1720, 0, 0, 434, 2704, 1164, 3422, 0, 0, 0, 0, 170, 134, 1122, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 139, 1331, 0, 0, 0, 0, 0, 1665, 146, 34, 101,
    46, 95, 16, 301, 15, 21, 37, 59, 1348, 0, 0, 0, 204, 0, 182, 2537, 0, 0, 112, 160, 234, 0, 78, 6, 0, 53, 96, 3018, 718, 3860, 0, 33, 38,
    0, 0, 0, 2537, 54, 1054, 6, 675, 1233, 2430, 47, 26, 0, 1087, 918, 0, 475, 347, 116, 0, 0, 181, 95, 144, 88, 0, 0, 0, 0, 0, 0, 36, 6,
    3332, 82, 1447, 2296, 183, 46, 522, 20, 0, 271, 87, 52, 113, 115, 45, 62, 184, 231, 0, 0, 0, 130, 0, 39, 0, 0, 358, 33, 100, 2009, 45,
    104, 0, 0, 121, 82, 118, 101, 350, 2129, 882, 2411, 2111, 3706, 2784, 62, 3513, 923, 0, 19, 0, 188, 0, 224, 0, 0, 126, 27, 165, 348, 0,
    0, 30, 0, 24, 0, 9, 0, 193, 74, 0, 0, 0, 0, 0, 116, 4, 0, 0, 116, 133, 129, 80, 59, 451, 0, 0, 125, 352, 80, 68, 21, 0, 0, 41, 0, 26,
    63, 0, 118, 84, 140, 187, 87, 153, 55, 11, 239, 3850, 2653, 51, 3868, 574, 0, 27, 25, 2, 1, 51, 68, 65, 47, 301, 387, 702, 3367, 34, 0,
    92, 3932, 295, 0, 0, 1278, 392, 2120, 2301, 16, 43, 15, 0, 0, 32, 44, 3, 0, 2, 0, 21, 108, 0,
  ],
  sadeh:
    'WWWWWWSSSSSSSSSSSSSSWWWWWWWWWWWSWWWWWWSSSSSSSSSSSSSSSWWWWWWW' +
    'WWWWWWWSWSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSWSWWWWWWWWWWWWWW' +
    'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWSWWWWWWWWWWWWWWWWWWWWWWSSSSSSSS' +
    'WWWWWWWWWWWWWWWWWWSSSWSSSSWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW' +
    'SSWSWSSSSSSSSSSSSSSWWWWWWWWWWWWWWWSSSSSWWWWWWWWWWWWWWWWWWWWW' +
    'WWWWWWWWWWWWWWWWWWWWWSSSSSSSSSS',
  coleKripke:
    'WWWWWSSSSSSSSSSSSSSWWWWWWWSSSSWWWWWWWWSSSSSSSSSSSSSSSWWWWWWW' +
    'WWWWWWWWWWSSWSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSWWWSSWWWWWWWSSSSS' +
    'WWWWSSWWWWWWWWSSSSSWWWWWWWWWWWWWWWWWWWWWWWWWWWSSWSSSSSSSSSWW' +
    'WWWWWWWWSWWSSSSSSSSSSSSSSSSWWWWWWWSSSWWWWWWWWWWWWWWWSSSSSSSW' +
    'SSSSSSSSSSSSSSSSSSSSSSSSWSSSWSSSSSSSSSSSSSSSSSWWWWWWWWWWSSSS' +
    'SSWWWWWWWWWWWWWWWWWWWSSSSSSSSSS',
} as const;

/** 2012-06-28T09:41 … 11:53: the end of the recording (epochs whose window reaches before 09:41 are not comparable). */
export const ACTILIFE_TAIL = {
  axis1: [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 103, 53, 49, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 1, 12, 98, 0, 0, 0, 0, 0, 0, 0, 2462,
    1808, 2260, 3081, 59, 90, 0, 0, 90, 8, 0, 19, 0, 0, 0, 0, 243, 77, 0, 41, 0, 10, 0, 14, 0, 0, 0, 22, 0, 0, 0, 49, 3843, 0, 131, 2, 280,
    284, 0, 0, 0, 0, 6, 695, 248, 2888, 1172, 0, 76, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128, 0, 0, 0, 0, 0, 0, 0, 0, 39, 0, 0,
    135, 0, 0, 0, 0, 0, 0, 0, 98, 139, 0, 55, 0, 12, 48, 0, 106,
  ],
  sadeh:
    'SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSWWWWWWWWWSSSSSSSWWSS' +
    'SSSSSSSSSSSSWWWWWWWWWWWWWWWWWWWSSSSSSSSSSSSSSSSSSSSSSSSSSSSS' +
    'SSSSSSSSSSSSS',
  coleKripke:
    'SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSWWWWWWWWWWSSSSSSSSSSSS' +
    'SSSSSSSSSSWWWWWWWSSSSSSWWWWWWWWSSSSSSSSSSSSSSSSSSSSSSSSSSSSS' +
    'SSSSSSSSSSSSS',
} as const;
