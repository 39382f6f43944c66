/**
 * Deals out an exact total of pages over an exact number of record files, one file at a time,
 * so the totals match the published figures while files keep a realistic spread (most short,
 * a few thick). Each draw is exponential around the mean of what is left, which steers the
 * remainder back to the target; the last file takes whatever remains.
 */
import type { Random } from '../lib/random.js';

export class PageAllocator {
  private filesLeft: number;
  private pagesLeft: number;

  constructor(files: number, pages: number, private readonly maxPerFile = 400) {
    if (!Number.isInteger(files) || !Number.isInteger(pages) || files < 0 || pages < files) {
      throw new RangeError(`cannot deal ${pages} pages over ${files} files (every file has at least one page)`);
    }
    this.filesLeft = files;
    this.pagesLeft = pages;
  }

  get remainingFiles(): number {
    return this.filesLeft;
  }

  next(random: Random): number {
    if (this.filesLeft <= 0) throw new RangeError('no files left to allocate');
    const extraLeft = this.pagesLeft - this.filesLeft;
    let extra: number;
    if (this.filesLeft === 1) {
      extra = extraLeft;
    } else {
      const mean = extraLeft / this.filesLeft;
      const draw = Math.floor(-Math.log(1 - random.float()) * mean + random.float());
      // Leave at most maxPerFile-1 extra pages for each file after this one.
      const mustTake = Math.max(0, extraLeft - (this.filesLeft - 1) * (this.maxPerFile - 1));
      extra = Math.max(mustTake, Math.min(draw, extraLeft, this.maxPerFile - 1));
    }
    this.filesLeft--;
    this.pagesLeft -= extra + 1;
    return extra + 1;
  }
}
