/** Embedded charts: the global `Charts` (its enums), the builder, the chart, its options and position. */
import { Emulated, NotEmulatedError, invalidArgument, type Counted } from '../core';
import type { Workspace } from '../workspace';
import {
  ChartHiddenDimensionStrategy,
  ChartMergeStrategy,
  ChartType,
  enumName,
  enumValue,
  gas,
} from './common';
import type { ChartState, SpreadsheetState } from './model';
import type { SpreadsheetStore } from './store';

type ChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/** The global `Charts` service: only its enums are emulated (the product builds charts from sheets). */
export class ChartsFacade
  extends Emulated
  implements
    Pick<GoogleAppsScript.Charts.Charts, 'ChartType' | 'ChartMergeStrategy' | 'ChartHiddenDimensionStrategy'>
{
  readonly ChartType = gas<typeof GoogleAppsScript.Charts.ChartType>(ChartType);
  readonly ChartMergeStrategy = gas<typeof GoogleAppsScript.Charts.ChartMergeStrategy>(ChartMergeStrategy);
  readonly ChartHiddenDimensionStrategy = gas<typeof GoogleAppsScript.Charts.ChartHiddenDimensionStrategy>(
    ChartHiddenDimensionStrategy,
  );

  constructor(ctx: Counted) {
    super(ctx, 'Charts');
  }
}

export function copyChart(state: ChartState): ChartState {
  return {
    ...state,
    ranges: state.ranges.map((r) => ({ sheetId: r.sheetId, rect: { ...r.rect } })),
    position: state.position ? { ...state.position } : null,
    options: { ...state.options },
  };
}

function blankChart(): ChartState {
  return {
    chartId: null,
    chartType: '',
    ranges: [],
    position: null,
    options: {},
    numHeaders: -1,
    transpose: false,
    mergeStrategy: 'MERGE_COLUMNS',
    hiddenDimensionStrategy: 'IGNORE_BOTH',
  };
}

/** Option values are kept as JSON data (titles, colours, legend objects), detached from the script. */
function detach(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function int(value: unknown, parameter: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) invalidArgument(parameter);
  return value;
}

export class EmbeddedChartBuilderFacade
  extends Emulated
  implements
    Pick<
      ChartBuilder,
      | 'addRange'
      | 'build'
      | 'clearRanges'
      | 'getChartType'
      | 'getContainer'
      | 'getRanges'
      | 'removeRange'
      | 'setChartType'
      | 'setHiddenDimensionStrategy'
      | 'setMergeStrategy'
      | 'setNumHeaders'
      | 'setOption'
      | 'setPosition'
      | 'setTransposeRowsAndColumns'
    >
{
  private readonly _chart: ChartState;

  constructor(
    private readonly _store: SpreadsheetStore,
    private readonly _book: SpreadsheetState,
    from?: ChartState,
  ) {
    super(_store.ws, 'EmbeddedChartBuilder');
    this._chart = from ? copyChart(from) : blankChart();
  }

  setChartType(type: unknown): ChartBuilder {
    this._chart.chartType = enumName(type, ChartType, 'type');
    return gas(this);
  }

  getChartType(): GoogleAppsScript.Charts.ChartType {
    return enumValue(this._chart.chartType);
  }

  addRange(range: unknown): ChartBuilder {
    const ref = this._store.readRange(range, 'range');
    this._chart.ranges.push({ sheetId: ref.sheet.sheetId, rect: ref.rect });
    return gas(this);
  }

  removeRange(range: unknown): ChartBuilder {
    const ref = this._store.readRange(range, 'range');
    this._chart.ranges = this._chart.ranges.filter(
      (r) => !(r.sheetId === ref.sheet.sheetId && JSON.stringify(r.rect) === JSON.stringify(ref.rect)),
    );
    return gas(this);
  }

  clearRanges(): ChartBuilder {
    this._chart.ranges = [];
    return gas(this);
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._chart.ranges.map((r) =>
      this._store.rangeFacade(this._book, this._store.sheetOf(this._book, r.sheetId), r.rect),
    );
  }

  setPosition(
    anchorRowPos: unknown,
    anchorColPos: unknown,
    offsetX: unknown,
    offsetY: unknown,
  ): ChartBuilder {
    this._chart.position = {
      anchorRow: int(anchorRowPos, 'anchorRowPos'),
      anchorColumn: int(anchorColPos, 'anchorColPos'),
      offsetX: int(offsetX, 'offsetX'),
      offsetY: int(offsetY, 'offsetY'),
    };
    return gas(this);
  }

  getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    if (!this._chart.position)
      throw new NotEmulatedError('EmbeddedChartBuilder.getContainer before setPosition');
    return gas(new ContainerInfoFacade(this._store.ws, { ...this._chart.position }));
  }

  setOption(option: unknown, value: unknown): ChartBuilder {
    if (typeof option !== 'string') invalidArgument('option');
    this._chart.options[option] = detach(value);
    return gas(this);
  }

  setNumHeaders(headers: unknown): ChartBuilder {
    this._chart.numHeaders = int(headers, 'headers');
    return gas(this);
  }

  setTransposeRowsAndColumns(transpose: unknown): ChartBuilder {
    if (typeof transpose !== 'boolean') invalidArgument('transpose');
    this._chart.transpose = transpose;
    return gas(this);
  }

  setMergeStrategy(mergeStrategy: unknown): ChartBuilder {
    this._chart.mergeStrategy = enumName(mergeStrategy, ChartMergeStrategy, 'mergeStrategy');
    return gas(this);
  }

  setHiddenDimensionStrategy(strategy: unknown): ChartBuilder {
    this._chart.hiddenDimensionStrategy = enumName(strategy, ChartHiddenDimensionStrategy, 'strategy');
    return gas(this);
  }

  build(): GoogleAppsScript.Spreadsheet.EmbeddedChart {
    if (!this._chart.chartType) throw new NotEmulatedError('EmbeddedChartBuilder.build without setChartType');
    if (!this._chart.position) throw new NotEmulatedError('EmbeddedChartBuilder.build without setPosition');
    return gas(new EmbeddedChartFacade(this._store, this._book, copyChart(this._chart)));
  }
}

export class EmbeddedChartFacade
  extends Emulated
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.EmbeddedChart,
      | 'getChartId'
      | 'getContainerInfo'
      | 'getHiddenDimensionStrategy'
      | 'getMergeStrategy'
      | 'getNumHeaders'
      | 'getOptions'
      | 'getRanges'
      | 'getTransposeRowsAndColumns'
      | 'modify'
    >
{
  constructor(
    private readonly _store: SpreadsheetStore,
    private readonly _book: SpreadsheetState,
    readonly _chart: ChartState,
  ) {
    super(_store.ws, 'EmbeddedChart');
  }

  getChartId(): number | null {
    return this._chart.chartId;
  }

  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    const position = this._chart.position ?? { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 };
    return gas(new ContainerInfoFacade(this._store.ws, { ...position }));
  }

  getHiddenDimensionStrategy(): GoogleAppsScript.Charts.ChartHiddenDimensionStrategy {
    return enumValue(this._chart.hiddenDimensionStrategy);
  }

  getMergeStrategy(): GoogleAppsScript.Charts.ChartMergeStrategy {
    return enumValue(this._chart.mergeStrategy);
  }

  getNumHeaders(): number {
    return this._chart.numHeaders;
  }

  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return gas(new ChartOptionsFacade(this._store.ws, this._chart.options));
  }

  getRanges(): GoogleAppsScript.Spreadsheet.Range[] {
    return this._chart.ranges.map((r) =>
      this._store.rangeFacade(this._book, this._store.sheetOf(this._book, r.sheetId), r.rect),
    );
  }

  getTransposeRowsAndColumns(): boolean {
    return this._chart.transpose;
  }

  modify(): ChartBuilder {
    return gas(new EmbeddedChartBuilderFacade(this._store, this._book, this._chart));
  }
}

export class ChartOptionsFacade
  extends Emulated
  implements Pick<GoogleAppsScript.Charts.ChartOptions, 'get'>
{
  constructor(
    private readonly _ws: Workspace,
    private readonly _options: Record<string, unknown>,
  ) {
    super(_ws, 'ChartOptions');
  }

  get(option: unknown): unknown {
    if (typeof option !== 'string') invalidArgument('option');
    return detach(this._options[option] ?? null);
  }
}

export class ContainerInfoFacade
  extends Emulated
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.ContainerInfo,
      'getAnchorColumn' | 'getAnchorRow' | 'getOffsetX' | 'getOffsetY'
    >
{
  constructor(
    ctx: Counted,
    private readonly _position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number },
  ) {
    super(ctx, 'ContainerInfo');
  }

  getAnchorColumn(): number {
    return this._position.anchorColumn;
  }

  getAnchorRow(): number {
    return this._position.anchorRow;
  }

  getOffsetX(): number {
    return this._position.offsetX;
  }

  getOffsetY(): number {
    return this._position.offsetY;
  }
}

/** The chart state behind an EmbeddedChart facade passed in by the script. */
export function chartOf(value: unknown): ChartState {
  if (
    value &&
    typeof value === 'object' &&
    (value as { _className?: unknown })._className === 'EmbeddedChart'
  ) {
    return (value as { _chart: ChartState })._chart;
  }
  return invalidArgument('chart');
}
