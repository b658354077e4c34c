/** One job of the paste normaliser: the paste's lines in, its lines out. Stages run in the order of `STAGES`. */
export interface Stage {
  name: string;
  run: (lines: string[]) => string[];
}
