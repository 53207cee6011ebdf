import { Type } from 'typebox';
import { AnyPassword, Email, NewPassword, OneTimeCode, PersonName, Phone } from '../shared/profile-schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
/**
 * Request bodies are closed: fields a route does not accept are dropped before the handler sees them
 * (the validator removes them), so nothing outside the schema (a role, a height) can reach the store.
 */
const CLOSED = { additionalProperties: false } as const;

export const RegisterBody = Type.Object({
  email: Email,
  password: NewPassword,
  first_name: Type.Optional(PersonName),
  last_name: Type.Optional(PersonName),
  phone_number: Type.Optional(Phone),
  terms_accepted: Type.Optional(Type.Boolean()),
  privacy_policy_accepted: Type.Optional(Type.Boolean()),
}, CLOSED);

export const LoginBody = Type.Object({
  email: Email,
  password: AnyPassword,
  remember_me: Type.Optional(Type.Boolean()),
  device_info: Type.Optional(Type.Object({}, { additionalProperties: true })),
}, CLOSED);

export const UpdateMeBody = Type.Object({
  first_name: Type.Optional(PersonName),
  last_name: Type.Optional(PersonName),
  phone_number: Type.Optional(Phone),
}, CLOSED);

export const LogoutBody = Type.Union([Type.Object({ refresh_token: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })) }, CLOSED), Type.Null()]);

export const EmailBody = Type.Object({ email: Email }, CLOSED);

/** The code may arrive as `code`, `confirmation_code` (Cognito's name) or `token` (Clarity's reset model). */
export const ConfirmEmailBody = Type.Object({
  email: Email,
  code: Type.Optional(OneTimeCode),
  confirmation_code: Type.Optional(OneTimeCode),
}, CLOSED);

export const ResetPasswordBody = Type.Object({
  email: Email,
  code: Type.Optional(OneTimeCode),
  confirmation_code: Type.Optional(OneTimeCode),
  token: Type.Optional(OneTimeCode),
  new_password: NewPassword,
}, CLOSED);

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  refresh_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
  scope: Nullable(Type.String()),
});

export const UserSession = Type.Object({
  user_id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  first_name: Nullable(Type.String()),
  last_name: Nullable(Type.String()),
  phone_number: Nullable(Type.String()),
  role: Type.String(),
  permissions: Type.Array(Type.String()),
  status: Type.Enum(['active', 'disabled', 'pending_verification']),
  last_login: Nullable(Type.String({ format: 'date-time' })),
  mfa_enabled: Type.Boolean(),
  email_verified: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
});

export const RegistrationResponse = Type.Object({
  user_id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  status: Type.Enum(['active', 'pending_verification']),
  verification_email_sent: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
  tokens: Type.Optional(TokenResponse),
});

/** Clarity's LoginResponse, with the token fields also at the top level for clients that read them there. */
export const LoginResponse = Type.Object({
  ...TokenResponse.properties,
  user: UserSession,
  tokens: TokenResponse,
  requires_mfa: Type.Boolean(),
  mfa_session_token: Nullable(Type.String()),
});

export const MessageResponse = Type.Object({ message: Type.String() });
export const PasswordResetResponse = Type.Object({ message: Type.String(), reset_token_sent: Type.Boolean() });
export const ServiceHealth = Type.Object({
  status: Type.Enum(['healthy', 'unhealthy']),
  service: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
});
