import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findModel, ModelInputError, MODELS, type AnyModel } from '../../domain/models/index.js';
import { AppError } from '../../platform/http/app-error.js';
import { compileExactValidator } from '../../platform/http/validator-compiler.js';
import { toFieldErrors } from '../../platform/http/validation-errors.js';

const Descriptor = Type.Object({
  id: Type.String(),
  version: Type.String(),
  title: Type.String(),
  citation: Type.String(),
  input_schema: Type.Object({}, { additionalProperties: true }),
  output_schema: Type.Object({}, { additionalProperties: true }),
});

const CalculatorResult = Type.Object({
  id: Type.String(),
  version: Type.String(),
  outputs: Type.Object({}, { additionalProperties: true }),
  warnings: Type.Array(Type.String()),
});

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const describe = (m: AnyModel) => ({
  id: m.id,
  version: m.version,
  title: m.title,
  citation: m.citation,
  // JSON round trip: plain JSON Schema, without TypeBox's symbol-keyed bookkeeping.
  input_schema: JSON.parse(JSON.stringify(m.inputSchema)) as Record<string, unknown>,
  output_schema: JSON.parse(JSON.stringify(m.outputSchema)) as Record<string, unknown>,
});

/**
 * Twin `/v1/calculators`: every validated model, callable on its own like a clinical calculator
 * (contract: shared spec `calculators.md`). Any authenticated role.
 */
export const twinCalculatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const validators = new Map(MODELS.map((m) => [m.id, compileExactValidator(m.inputSchema)]));
  const descriptors = MODELS.map(describe);

  const modelOr404 = (id: string): AnyModel => {
    const model = findModel(id);
    if (!model) throw new AppError('not_found', `No calculator "${id}"`, { details: { id, available: MODELS.map((m) => m.id) } });
    return model;
  };

  app.get('', { schema: { summary: 'Every calculator with its citation and schemas', response: { 200: Type.Object({ calculators: Type.Array(Descriptor) }) } } }, async () => ({
    calculators: descriptors,
  }));

  app.get('/:id', { schema: { summary: 'One calculator', params: IdParams, response: { 200: Descriptor } } }, async (request) =>
    describe(modelOr404(request.params.id)),
  );

  app.post(
    '/:id',
    {
      schema: {
        summary: 'Run a calculator on the given inputs',
        params: IdParams,
        body: Type.Object({}, { additionalProperties: true, description: "the calculator's inputs; see its input_schema" }),
        response: { 200: CalculatorResult },
      },
    },
    async (request) => {
      const model = modelOr404(request.params.id);
      const input: unknown = request.body;
      const issues = validators.get(model.id)?.(input) ?? [];
      if (issues.length > 0) {
        throw new AppError('validation', `Invalid inputs for ${model.id}`, { fields: toFieldErrors(issues, 'body', input), details: { location: 'body' } });
      }
      try {
        const { outputs, warnings } = model.compute(input as never);
        return { id: model.id, version: model.version, outputs: outputs as Record<string, unknown>, warnings };
      } catch (error) {
        if (error instanceof ModelInputError) {
          throw new AppError('validation', error.message, { fields: [{ field: error.field, message: error.message, code: 'out_of_range' }], details: { location: 'body' } });
        }
        throw error;
      }
    },
  );
};
