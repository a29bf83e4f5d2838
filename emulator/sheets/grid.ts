/**
 * A sparse 2-D store for one layer of a sheet (values, number formats, backgrounds, validations…):
 * an array of row arrays, 0-based, created only where something was written. A 50,000 × 40 register is
 * 50,000 plain arrays, with no object per cell.
 */
export class SparseGrid<T> {
  /** rows[r][c]; a missing row or an undefined entry is an empty cell. */
  rows: Array<Array<T | undefined> | undefined> = [];

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }

  set(r: number, c: number, value: T | undefined): void {
    let row = this.rows[r];
    if (row === undefined) {
      if (value === undefined) return;
      row = [];
      this.rows[r] = row;
    }
    row[c] = value;
  }

  /** Sets every cell of a rectangle to one value (undefined clears). */
  fill(r0: number, c0: number, numRows: number, numCols: number, value: T | undefined): void {
    for (let r = r0; r < r0 + numRows; r += 1) {
      let row = this.rows[r];
      if (row === undefined) {
        if (value === undefined) continue;
        row = [];
        this.rows[r] = row;
      }
      for (let c = c0; c < c0 + numCols; c += 1) row[c] = value;
    }
  }

  /** Index of the last row holding a defined value accepted by `counts`, or -1. */
  lastRow(counts: (v: T) => boolean = () => true): number {
    for (let r = this.rows.length - 1; r >= 0; r -= 1) {
      const row = this.rows[r];
      if (row === undefined) continue;
      for (let c = row.length - 1; c >= 0; c -= 1) {
        const v = row[c];
        if (v !== undefined && counts(v)) return r;
      }
    }
    return -1;
  }

  /** Index of the last column holding a defined value accepted by `counts`, or -1. */
  lastCol(counts: (v: T) => boolean = () => true): number {
    let last = -1;
    for (const row of this.rows) {
      if (row === undefined) continue;
      for (let c = row.length - 1; c > last; c -= 1) {
        const v = row[c];
        if (v !== undefined && counts(v)) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Inserts `count` rows before index `at`; each new row copies row `copyFrom` (formats inherit), if given. */
  insertRows(at: number, count: number, copyFrom?: number): void {
    if (at < this.rows.length) {
      this.rows = this.rows.slice(0, at).concat(new Array<undefined>(count), this.rows.slice(at));
    }
    const source =
      copyFrom === undefined ? undefined : this.rows[copyFrom >= at ? copyFrom + count : copyFrom];
    if (source) for (let r = at; r < at + count; r += 1) this.rows[r] = source.slice();
  }

  deleteRows(at: number, count: number): void {
    if (at < this.rows.length) this.rows.splice(at, count);
  }

  insertCols(at: number, count: number, copyFrom?: number): void {
    const blanks = new Array<T | undefined>(count).fill(undefined);
    for (const row of this.rows) {
      if (row === undefined) continue;
      const inherited = copyFrom === undefined ? undefined : row[copyFrom];
      if (at < row.length) row.splice(at, 0, ...blanks);
      if (inherited !== undefined) for (let c = at; c < at + count; c += 1) row[c] = inherited;
    }
  }

  deleteCols(at: number, count: number): void {
    for (const row of this.rows) if (row !== undefined && at < row.length) row.splice(at, count);
  }

  /** Calls `fn` for every defined cell, row by row. */
  forEach(fn: (value: T, r: number, c: number) => void): void {
    this.rows.forEach((row, r) => {
      if (row === undefined) return;
      row.forEach((v, c) => {
        if (v !== undefined) fn(v, r, c);
      });
    });
  }

  clear(): void {
    this.rows = [];
  }
}
