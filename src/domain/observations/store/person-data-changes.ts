/**
 * "This person's data changed": told by whoever wrote it (an upload job, an import, a manual entry, a changed source
 * priority or health profile), heard by whoever derives something from it (the twin engine's recompute). A listener
 * that fails is reported, never allowed to fail the write that already committed.
 */
export type DataChangeListener = (personId: string) => Promise<void> | void;

export class PersonDataChanges {
  private readonly listeners: DataChangeListener[] = [];

  constructor(private readonly onError: (error: unknown) => void = () => undefined) {}

  listen(listener: DataChangeListener): void {
    this.listeners.push(listener);
  }

  async notify(personId: string): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(personId);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
