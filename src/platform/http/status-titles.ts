import { STATUS_CODES } from 'node:http';

export const statusTitle = (status: number): string => STATUS_CODES[status] ?? 'Error';
