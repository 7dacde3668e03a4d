// The shapes the report is drawn from: a summary over every source record, and one cluster per
// canonical article. Built by report-data.ts, drawn by report-page.ts.
import type { DiffRun } from './word-diff.js';
import type { DocumentBlock } from './place-removed.js';

/** One rejected object. */
export interface RejectedObject {
  readonly label: string;
  readonly code?: string;
  readonly reason?: string;
  readonly processedAt: string;
}

/** Totals over every source record. */
export interface ReportSummary {
  /** What was read: the state folder or the table. */
  readonly origin: string;
  readonly generatedAt: string;
  readonly documents: number;
  readonly outcomes: Readonly<Record<string, number>>;
  /** Duplicates per distance bin, in bin order. */
  readonly distanceBins: readonly { readonly label: string; readonly count: number }[];
  /** Canonical and duplicate documents per site, largest first (the tail folded into one row). */
  readonly sites: readonly { readonly site: string; readonly canonical: number; readonly duplicate: number }[];
  readonly siteCount: number;
  readonly rejected: readonly RejectedObject[];
  /** Rejected objects not listed (the list is capped). */
  readonly rejectedNotListed: number;
}

/** A duplicate in a cluster, with its words aligned against the canonical's. */
export interface ClusterDuplicate {
  readonly label: string;
  readonly url?: string;
  readonly outcome: string;
  readonly distance?: number;
  readonly paragraphOverlap?: number;
  /** The word diff canonical -> duplicate; absent when the text could not be read or aligned. */
  readonly runs?: readonly DiffRun[];
  /** Why there is no diff. */
  readonly note?: string;
}

/** One canonical article and its duplicates. */
export interface ReportCluster {
  readonly docId: string;
  readonly title: string;
  readonly site: string;
  readonly label: string;
  readonly url?: string;
  readonly firstSeen: string;
  /** The canonical document: kept paragraphs and removed chrome, in original order when known. */
  readonly blocks: readonly DocumentBlock[];
  readonly duplicates: readonly ClusterDuplicate[];
}
