/**
 * The operator dispatch tables: syntax kind → lowering. One file per operator; a kind missing here
 * is reported as `not supported: operator <name>`.
 */
import type { KNode } from '../../bridge/syntax.js';
import type { Rel } from '../../ir/relational.js';
import type { LowerContext } from '../context.js';
import { lowerCount, lowerDistinct } from './distinct.js';
import { lowerExtend } from './extend.js';
import { lowerExternalData } from './externaldata.js';
import { lowerInvoke } from './invoke.js';
import { lowerJoin, lowerLookup } from './join.js';
import { lowerMvExpand } from './mv-expand.js';
import { lowerMvApply } from './mv-apply.js';
import { lowerParse, lowerParseWhere } from './parse.js';
import { lowerParseKv } from './parse-kv.js';
import { lowerProject } from './project.js';
import { lowerProjectRename, lowerProjectSelect } from './project-variants.js';
import { lowerRender } from './render.js';
import { lowerEvaluate } from './evaluate.js';
import { lowerAs, lowerGetSchema } from './schema-ops.js';
import { lowerSerialize } from './serialize.js';
import type { OperatorLowering } from './shared.js';
import { lowerSample, lowerSampleDistinct } from './sample.js';
import { lowerSort, lowerTake, lowerTop } from './sort.js';
import { lowerDataTable, lowerPrint, lowerRange } from './sources.js';
import { lowerSummarize } from './summarize.js';
import { lowerPartition } from './partition.js';
import { lowerSearch } from './search.js';
import { lowerScan } from './scan.js';
import { lowerMakeSeries } from './make-series.js';
import { lowerTopNested } from './top-nested.js';
import { lowerUnion } from './union.js';
import { lowerWhere } from './where.js';

export const OPERATORS: Readonly<Record<string, OperatorLowering>> = Object.freeze({
  FilterOperator: lowerWhere,
  ExtendOperator: lowerExtend,
  ProjectOperator: lowerProject,
  ProjectAwayOperator: lowerProjectSelect,
  ProjectKeepOperator: lowerProjectSelect,
  ProjectReorderOperator: lowerProjectSelect,
  ProjectRenameOperator: lowerProjectRename,
  ProjectByNamesOperator: lowerProjectSelect,
  SummarizeOperator: lowerSummarize,
  SortOperator: lowerSort,
  TopOperator: lowerTop,
  TopNestedOperator: lowerTopNested,
  PartitionOperator: lowerPartition,
  SearchOperator: lowerSearch,
  TakeOperator: lowerTake,
  SampleOperator: lowerSample,
  SampleDistinctOperator: lowerSampleDistinct,
  DistinctOperator: lowerDistinct,
  CountOperator: lowerCount,
  JoinOperator: lowerJoin,
  LookupOperator: lowerLookup,
  UnionOperator: lowerUnion,
  MvExpandOperator: lowerMvExpand,
  MvApplyOperator: lowerMvApply,
  ParseOperator: lowerParse,
  ParseWhereOperator: lowerParseWhere,
  ParseKvOperator: lowerParseKv,
  SerializeOperator: lowerSerialize,
  RenderOperator: lowerRender,
  GetSchemaOperator: lowerGetSchema,
  EvaluateOperator: lowerEvaluate,
  AsOperator: lowerAs,
  InvokeOperator: lowerInvoke,
  PrintOperator: lowerPrint,
  RangeOperator: lowerRange,
  ScanOperator: lowerScan,
  MakeSeriesOperator: lowerMakeSeries,
});

export const SOURCES: Readonly<Record<string, (node: KNode, cx: LowerContext) => Rel>> = Object.freeze({
  DataTableExpression: lowerDataTable,
  ExternalDataExpression: lowerExternalData,
});
