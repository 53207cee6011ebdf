import { AppError, type FieldError } from '../../platform/http/app-error.js';
import type { ScreeningInput } from './screening-input.js';

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * What a schema cannot check: a total that disagrees with its items, more sessions attended than scheduled.
 * Every problem is listed, in the spec's `validation_errors` shape.
 */
export function checkConsistency(input: ScreeningInput): void {
  const problems: FieldError[] = [];
  const survey = input.survey_data;
  if (survey?.phq9_score !== undefined && survey.phq9_items && sum(survey.phq9_items) !== survey.phq9_score) {
    problems.push({
      field: 'survey_data.phq9_score',
      message: `Value must equal the sum of phq9_items (${sum(survey.phq9_items)})`,
      code: 'value_error',
      input: survey.phq9_score,
    });
  }
  if (survey?.gad7_score !== undefined && survey.gad7_items && sum(survey.gad7_items) !== survey.gad7_score) {
    problems.push({
      field: 'survey_data.gad7_score',
      message: `Value must equal the sum of gad7_items (${sum(survey.gad7_items)})`,
      code: 'value_error',
      input: survey.gad7_score,
    });
  }
  const emr = input.emr_data;
  if (
    emr?.therapy_sessions_attended !== undefined &&
    emr.therapy_sessions_scheduled !== undefined &&
    emr.therapy_sessions_attended > emr.therapy_sessions_scheduled
  ) {
    problems.push({
      field: 'emr_data.therapy_sessions_attended',
      message: 'Value must not exceed therapy_sessions_scheduled',
      code: 'value_error',
      input: emr.therapy_sessions_attended,
    });
  }
  if (problems.length > 0) throw new AppError('validation', 'Screening data validation failed', { fields: problems });
}
