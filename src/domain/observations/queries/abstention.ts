/** Why a field of a Twin health answer is null: a stable reason and a sentence saying what is missing (never a guess). */
export interface Abstention {
  readonly reason: string;
  readonly message: string;
}
