/**
 * Each user's documents: a stable set of Office/PDF files in Documents, Desktop and the OneDrive
 * folder, plus a repository checkout for developers, interned once as file objects. Sizes and
 * names derive from the user and the seed.
 */
import type { Rng } from '../prng.js';
import type { SimContext } from './context.js';

export const ONEDRIVE = 'OneDrive - Contoso';
const TOPICS = ['Quarterly_Report', 'Budget', 'Roadmap', 'Meeting_Notes', 'Customer_Feedback', 'Sales_Pipeline', 'Onboarding', 'Vendor_Review', 'Team_Offsite',
  'Architecture', 'Release_Plan', 'Risk_Register', 'Training', 'Board_Update', 'Hiring_Plan', 'Marketing_Brief', 'Invoice', 'Travel_Expenses'];
const EXTS = ['docx', 'xlsx', 'pptx', 'pdf'] as const;

export interface UserDoc {
  readonly fobj: number;
  readonly path: string;
  readonly ext: (typeof EXTS)[number];
}

export interface UserFiles {
  readonly docs: readonly UserDoc[];
  readonly home: string;
  readonly downloads: string;
  readonly repo: string;
}

export function userFiles(ctx: SimContext, user: number, rng: Rng): UserFiles {
  const name = ctx.estate.accounts[user]!.name;
  const home = `C:\\Users\\${name}`;
  const docs: UserDoc[] = [];
  const count = rng.range(14, 30);
  for (let i = 0; i < count; i++) {
    const ext = rng.weighted(EXTS, [4, 3, 2, 2]);
    const folder = rng.weighted([`${home}\\${ONEDRIVE}\\Documents`, `${home}\\Documents`, `${home}\\Desktop`, `${home}\\${ONEDRIVE}\\Shared`], [5, 3, 1, 2]);
    const year = rng.pick(['2025', '2026']);
    const path = `${folder}\\${rng.pick(TOPICS)}_${year}${rng.chance(0.3) ? `_v${rng.range(2, 6)}` : ''}.${ext}`;
    docs.push({ fobj: ctx.files.id(path, rng.range(18_000, 4_500_000)), path, ext });
  }
  return { docs, home, downloads: `${home}\\Downloads`, repo: `${home}\\source\\repos\\${rng.pick(['billing-service', 'web-portal', 'data-pipeline', 'mobile-api'])}` };
}
