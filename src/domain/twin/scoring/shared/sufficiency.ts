/** What a twin had and lacked, each input once, in the order met; `missing` says what would fix it. */
export class SufficiencyLog {
  private readonly presentInputs = new Set<string>();
  private readonly missingInputs = new Map<string, string>();

  have(input: string): void {
    this.presentInputs.add(input);
  }

  lack(input: string, need: string): void {
    if (!this.missingInputs.has(input)) this.missingInputs.set(input, need);
  }

  get present(): string[] {
    return [...this.presentInputs];
  }

  get missing(): { input: string; need: string }[] {
    return [...this.missingInputs].map(([input, need]) => ({ input, need }));
  }
}
