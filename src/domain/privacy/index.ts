export { PersonData, toStoredSample } from './person-data.js';
