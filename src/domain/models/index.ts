export { defineModel, ModelInputError, type AnyModel, type ModelDefinition, type ModelResult } from './model.js';
export { findModel, MODELS } from './registry.js';
