import {
  Background,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { api } from '../../api/client';
import type { components } from '../../api/schema';
import { call, problemOf, type Problem } from '../../api/problem';
import { allPages, PAGE_LIMIT } from '../../api/pages';
import { useApiData } from '../../api/use-api-data';
import { ProblemAlert } from '../../components/ProblemAlert';
import { money, toMinor } from '../../format';
import { useLocale } from '../../i18n/locale';
import { EditorCatalogContext, type EditorCatalog } from './editor-catalog';
import { ExitRules } from './ExitRules';
import { TIME_ZONES } from './fields';
import { FlowNodeCard, type FlowCanvasNode } from './FlowNodeCard';
import {
  connect,
  definitionOf,
  draftOf,
  emptyDraft,
  exitsOf,
  freshId,
  newNode,
  nextFreePosition,
  NODE_TYPES,
  removeNode,
  renameNode,
  type FlowDefinition,
  type FlowDraft,
  type FlowNode,
  type FlowNodeType,
} from './flow-graph';
import { JourneySettings } from './JourneySettings';
import { NodeProperties } from './NodeProperties';
import { issuesOf, useLiveValidation, type DefinitionIssue } from './use-live-validation';

const NODE_COMPONENTS = { flow: FlowNodeCard };
/** What a palette item carries when dragged onto the canvas. */
const DRAG_TYPE = 'application/x-perkflow-flow-node';

function durationText(d: { days?: number; hours?: number; minutes?: number } | undefined): string {
  if (!d) return '';
  return [d.days && `${d.days}d`, d.hours && `${d.hours}h`, d.minutes && `${d.minutes}min`]
    .filter(Boolean)
    .join(' ');
}

/** One line of what a node does, for its card on the canvas. */
function summaryOf(node: FlowNode, lang: 'zh-CN' | 'en'): string {
  switch (node.type) {
    case 'entry':
    case 'waitFor': {
      // An entry on a profile date, a calendar rule, or only the audience enrolled at launch.
      if (!node.on)
        return node.type === 'entry' && node.date
          ? `${node.date.attribute} ${node.date.offsetDays >= 0 ? '+' : ''}${node.date.offsetDays}d ${node.date.time}`
          : node.type === 'entry' && node.calendar
            ? `${node.calendar.monthlyDay ?? node.calendar.weekdays?.join(', ') ?? node.calendar.weekday ?? node.calendar.dates?.join(', ') ?? ''} ${node.calendar.time}`
            : 'enrolExisting';
      const on = node.on.type === 'custom' ? `custom:${node.on.name ?? ''}` : node.on.type;
      const where = node.on.where?.length ? ` (${node.on.where.length} ✓)` : '';
      return node.type === 'waitFor' ? `${on}${where} ≤ ${durationText(node.timeout)}` : `${on}${where}`;
    }
    case 'wait':
      return node.at
        ? `${node.at.time} ${node.at.timezone ?? 'UTC'}`
        : (node.until ?? durationText(node.for));
    case 'condition':
      return `${node.branches.length} + otherwise`;
    case 'split':
      return node.cohorts.map((c) => `${c.name} ${c.weight}`).join(' / ');
    case 'grantCredit':
      return 'fixed' in node.amount
        ? `${money(node.amount.fixed)} ${node.kind}${node.minOrderAmount ? ` ≥ ${money(node.minOrderAmount)}` : ''}`
        : 'byTier' in node.amount
          ? Object.entries(node.amount.byTier)
              .map(([tier, v]) => `${tier} ${money(v ?? 0)}`)
              .join(' / ')
          : `${node.amount.rateOf.basisPoints / 100} % ≤ ${money(node.amount.rateOf.cap)}`;
    case 'sendEmail':
      return node.subject[lang];
    case 'createTask':
      return `${node.kind}: ${node.title}${node.waitForClose ? ` ≤ ${durationText(node.waitForClose.timeout)}` : ''}`;
    case 'awardPoints':
      return 'fixed' in node.points
        ? `${node.points.fixed} pts`
        : `${node.points.rateOf.basisPoints / 100} % pts`;
    case 'setAttribute':
      return node.addTag !== undefined
        ? `${node.attribute} + ${node.addTag}`
        : `${node.attribute} = ${String(node.value)}`;
    case 'limit':
      return `${node.counter} ≤ ${node.max}`;
    case 'exit':
      return `${node.status} · ${node.outcome}`;
  }
}

type Campaign = components['schemas']['Campaign'];

/** The campaign form: its name and budget, and what a flow campaign fixes on create (time zone, audience). */
interface CampaignValues {
  name: string;
  budget: number;
  timezone?: string;
  audience?: string;
  enrolExisting?: boolean;
}

interface Template {
  id: string;
  title: string;
  config: unknown;
}

interface EditorProps {
  /** A flow campaign to open: a draft is saved in place; any other is copied as a new draft. */
  campaignId?: string;
  onSaved: (campaignId: string) => void;
  onCancel: () => void;
}

/**
 * The flow journey editor (growth): a graph of nodes on a canvas, built from a palette, a template or a flow
 * campaign, each node's fields in a property panel, checked by the API as it changes (each issue on its node), then
 * created as a draft flow campaign whose page has Simulate and Launch, or saved into the draft it opened. Node
 * positions are saved with the definition (its `layout`).
 */
export function FlowEditor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <FlowEditorScreen {...props} />
    </ReactFlowProvider>
  );
}

function FlowEditorScreen({ campaignId, onSaved, onCancel }: EditorProps) {
  const { t, lang } = useLocale();
  const { message } = AntApp.useApp();
  const flow = useReactFlow();
  const [draft, setDraft] = useState<FlowDraft>(emptyDraft);
  /** Bumped when a whole graph is loaded, so the canvas fits it into view afresh. */
  const [loaded, setLoaded] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const [sizes, setSizes] = useState<Record<string, { width: number; height: number }>>({});
  const [templateId, setTemplateId] = useState<string | undefined>();
  const [createProblem, setCreateProblem] = useState<Problem | null>(null);
  /** The definition (as JSON) a create or save was refused for. */
  const [refusedText, setRefusedText] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<CampaignValues>();
  const timezone = Form.useWatch('timezone', form);
  const audience = Form.useWatch('audience', form);
  const enrolExisting = Form.useWatch('enrolExisting', form);

  // What the property panel picks from: the event and attribute catalogs, the saved segments.
  const eventTypes = useApiData(async () => (await call(api.GET('/v1/event-types'))).items, []);
  const attributeTypes = useApiData(async () => (await call(api.GET('/v1/attribute-types'))).items, []);
  const segments = useApiData(
    () =>
      allPages((after) =>
        call(
          api.GET('/v1/segments', { params: { query: { limit: PAGE_LIMIT, ...(after ? { after } : {}) } } }),
        ),
      ),
    [],
  );
  const catalog: EditorCatalog = useMemo(
    () => ({
      eventTypes: eventTypes.data ?? [],
      attributeTypes: attributeTypes.data ?? [],
      segments: segments.data ?? [],
      timezone: timezone || 'UTC',
      audience: audience || undefined,
      enrolExisting: enrolExisting === true,
    }),
    [eventTypes.data, attributeTypes.data, segments.data, timezone, audience, enrolExisting],
  );
  const templates = useApiData(
    async () => (await call(api.GET('/v1/journey-templates'))).items as Template[],
    [],
  );
  // The campaign opened, if any: its graph is loaded once it arrives, its name fills the form.
  const [openedCampaign, setOpenedCampaign] = useState<Campaign | null>(null);
  const [openProblem, setOpenProblem] = useState<Problem | null>(null);
  const editsDraft = openedCampaign?.status === 'draft';
  const definition = useMemo(() => definitionOf(draft), [draft]);
  const validation = useLiveValidation(definition);
  // The live check's issues, and those of a create or save the API refused (checks the live one does not run, e.g.
  // an inline segment filter against the attribute catalog), each on its node and field.
  // A refusal is about the definition that was sent: once the graph changes, its issues leave the nodes.
  const definitionText = JSON.stringify(definition);
  const savedIssues =
    createProblem?.status === 422 && refusedText === definitionText
      ? issuesOf(createProblem, definition)
      : [];
  const issues: DefinitionIssue[] = [
    ...(validation.state === 'invalid' ? validation.issues : []),
    ...savedIssues,
  ];
  const nodeIds = draft.nodes.map((n) => n.id);
  const issuesByNode = new Map<string, DefinitionIssue[]>();
  for (const issue of issues)
    if (issue.nodeId) issuesByNode.set(issue.nodeId, [...(issuesByNode.get(issue.nodeId) ?? []), issue]);

  const nodes: FlowCanvasNode[] = draft.nodes.map((node) => ({
    id: node.id,
    type: 'flow',
    position: draft.positions[node.id] ?? { x: 0, y: 0 },
    selected: node.id === selectedId,
    ariaLabel: `${t(`editor.type.${node.type}`)} ${node.id}`,
    ...(sizes[node.id] ? { measured: sizes[node.id] } : {}),
    data: {
      node,
      typeLabel: t(`editor.type.${node.type}`),
      summary: summaryOf(node, lang),
      issues: issuesByNode.get(node.id) ?? [],
    },
  }));
  const edges: Edge[] = draft.nodes.flatMap((node) =>
    exitsOf(node)
      .filter((e) => e.target !== undefined && nodeIds.includes(e.target))
      .map((e) => {
        const id = `${node.id}:${e.handle}`;
        return {
          id,
          source: node.id,
          sourceHandle: e.handle,
          target: e.target!,
          label: e.handle === 'next' ? undefined : e.label,
          ariaLabel: `${node.id} ${e.label} → ${e.target}`,
          selected: selectedEdges.has(id),
        };
      }),
  );

  const update = (change: (d: FlowDraft) => FlowDraft) => setDraft((d) => change(d));
  const replaceNode = (id: string, next: FlowNode) =>
    update((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === id ? next : n)) }));
  const cutEdge = (edgeId: string) => {
    const [source, handle] = edgeId.split(':') as [string, string];
    update((d) => ({
      ...d,
      nodes: d.nodes.map((n) => (n.id === source ? connect(n, handle, undefined) : n)),
    }));
  };

  const load = (next: FlowDraft) => {
    setDraft(next);
    setSelectedId(null);
    setSelectedEdges(new Set());
    setSizes({});
    setLoaded((n) => n + 1);
  };

  useEffect(() => {
    if (campaignId === undefined) return;
    let current = true;
    call(api.GET('/v1/campaigns/{id}', { params: { path: { id: campaignId } } })).then(
      (campaign) => {
        if (!current) return;
        setOpenedCampaign(campaign);
        load(draftOf((campaign.config as { definition: FlowDefinition }).definition));
        form.setFieldsValue({
          name: campaign.name,
          budget: campaign.budget / 100,
          timezone: campaign.timezone ?? 'UTC',
          audience: campaign.audience ?? undefined,
          enrolExisting: campaign.enrolExisting,
        });
      },
      (err: unknown) => {
        if (current) setOpenProblem(problemOf(err));
      },
    );
    return () => {
      current = false;
    };
    // Read once per campaign id; `load` and `form` do not change what is read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaignId]);

  const add = (type: FlowNodeType, at?: { x: number; y: number }) => {
    const id = freshId(type, draft.nodes);
    update((d) => ({
      ...d,
      nodes: [...d.nodes, newNode(type, id)],
      positions: { ...d.positions, [id]: at ?? nextFreePosition(d.positions) },
    }));
    setSelectedId(id);
  };

  const onNodesChange = (changes: NodeChange<FlowCanvasNode>[]) => {
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        const position = c.position;
        update((d) => ({ ...d, positions: { ...d.positions, [c.id]: position } }));
      } else if (c.type === 'dimensions' && c.dimensions) {
        const size = c.dimensions;
        setSizes((s) => ({ ...s, [c.id]: size }));
      } else if (c.type === 'select') {
        setSelectedId((current) => (c.selected ? c.id : current === c.id ? null : current));
      } else if (c.type === 'remove') {
        update((d) => removeNode(d, c.id));
        setSelectedId((current) => (current === c.id ? null : current));
      }
    }
  };

  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const c of changes) {
      if (c.type === 'select')
        setSelectedEdges((s) => {
          const next = new Set(s);
          if (c.selected) next.add(c.id);
          else next.delete(c.id);
          return next;
        });
      else if (c.type === 'remove') {
        cutEdge(c.id);
        setSelectedEdges((s) => new Set([...s].filter((id) => id !== c.id)));
      }
    }
  };

  const onConnect = (c: Connection) => {
    if (!c.sourceHandle) return;
    const handle = c.sourceHandle;
    update((d) => ({
      ...d,
      nodes: d.nodes.map((n) => (n.id === c.source ? connect(n, handle, c.target) : n)),
    }));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    const type = e.dataTransfer.getData(DRAG_TYPE) as FlowNodeType;
    if (!NODE_TYPES.includes(type)) return;
    add(type, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
  };

  const create = async () => {
    const values = await form.validateFields();
    setCreating(true);
    setCreateProblem(null);
    try {
      const created = await call(
        api.POST('/v1/campaigns', {
          body: {
            name: values.name,
            budget: toMinor(values.budget),
            journeyType: 'flow',
            config: { definition },
            ...(values.timezone ? { timezone: values.timezone } : {}),
            ...(values.audience ? { audience: values.audience } : {}),
            ...(values.audience && values.enrolExisting ? { enrolExisting: true } : {}),
          },
        }),
      );
      void message.success(t('create.created'));
      onSaved(created.campaignId);
    } catch (err) {
      setCreateProblem(problemOf(err));
      setRefusedText(JSON.stringify(definition));
    } finally {
      setCreating(false);
    }
  };

  const save = async () => {
    if (!openedCampaign) return;
    const values = await form.validateFields();
    setCreating(true);
    setCreateProblem(null);
    try {
      const saved = await call(
        api.PUT('/v1/campaigns/{id}/config', {
          params: { path: { id: openedCampaign.campaignId } },
          body: { name: values.name, config: { definition } },
        }),
      );
      void message.success(t('editor.saved'));
      onSaved(saved.campaignId);
    } catch (err) {
      setCreateProblem(problemOf(err));
      setRefusedText(JSON.stringify(definition));
    } finally {
      setCreating(false);
    }
  };

  const selected = draft.nodes.find((n) => n.id === selectedId);

  return (
    <EditorCatalogContext.Provider value={catalog}>
      <section aria-labelledby="editor-title">
        <Button type="link" onClick={onCancel} style={{ padding: 0 }}>
          ← {t('detail.back')}
        </Button>
        <Typography.Title level={1} id="editor-title" style={{ fontSize: 22 }}>
          {openedCampaign ? t('editor.titleEdit', { name: openedCampaign.name }) : t('editor.title')}
        </Typography.Title>
        {openProblem && <ProblemAlert problem={openProblem} />}
        {openedCampaign && !editsDraft && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="editor-read-only"
            title={t('editor.readOnly', { status: openedCampaign.status })}
          />
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <label htmlFor="editor-template">{t('editor.template')}</label>
          <Select
            id="editor-template"
            data-testid="editor-template"
            style={{ width: 320 }}
            placeholder={t('editor.templatePlaceholder')}
            loading={templates.loading}
            value={templateId}
            options={(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.title }))}
            onChange={(id: string) => {
              const tpl = templates.data?.find((x) => x.id === id);
              if (!tpl) return;
              setTemplateId(id);
              load(draftOf((tpl.config as { definition: FlowDefinition }).definition));
            }}
          />
          <Button
            onClick={() => {
              setTemplateId(undefined);
              load(emptyDraft());
            }}
          >
            {t('editor.empty')}
          </Button>
        </Space>
        {templates.problem && <ProblemAlert problem={templates.problem} />}
        <div style={{ display: 'flex', gap: 12, alignItems: 'stretch' }}>
          <nav aria-label={t('editor.palette')} style={{ width: 150, flex: 'none' }}>
            <Typography.Text strong>{t('editor.palette')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('editor.paletteHelp')}
            </Typography.Paragraph>
            <Space direction="vertical" style={{ width: '100%' }}>
              {NODE_TYPES.map((type) => (
                <Button
                  key={type}
                  block
                  draggable
                  data-testid={`palette-${type}`}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, type);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  onClick={() => add(type)}
                >
                  {t(`editor.type.${type}`)}
                </Button>
              ))}
            </Space>
          </nav>
          <div
            style={{ flex: 1, height: 620, border: '1px solid #d9d9d9', borderRadius: 8, minWidth: 0 }}
            data-testid="flow-canvas"
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
            }}
            onDrop={onDrop}
          >
            <ReactFlow<FlowCanvasNode, Edge>
              key={loaded}
              nodes={nodes}
              edges={edges}
              nodeTypes={NODE_COMPONENTS}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onPaneClick={() => setSelectedId(null)}
              deleteKeyCode={['Backspace', 'Delete']}
              fitView
              fitViewOptions={{ padding: 0.15 }}
              minZoom={0.3}
            >
              <Background />
              <Controls />
            </ReactFlow>
          </div>
          <aside
            aria-labelledby="properties-title"
            style={{ width: 380, flex: 'none', maxHeight: 620, overflowY: 'auto' }}
          >
            <Card size="small" title={<span id="properties-title">{t('editor.properties')}</span>}>
              {selected ? (
                <NodeProperties
                  key={selected.id}
                  node={selected}
                  nodeIds={nodeIds}
                  issues={issuesByNode.get(selected.id) ?? []}
                  onChange={(next) => replaceNode(selected.id, next)}
                  onRename={(to) => {
                    update((d) => renameNode(d, selected.id, to));
                    setSelectedId(to);
                  }}
                  onRemove={() => {
                    update((d) => removeNode(d, selected.id));
                    setSelectedId(null);
                  }}
                />
              ) : (
                <Empty description={t('editor.selectNode')} />
              )}
            </Card>
          </aside>
        </div>
        <ExitRules rules={draft.exitOn} onChange={(exitOn) => update((d) => ({ ...d, exitOn }))} />
        <JourneySettings
          reentry={draft.reentry}
          emailCap={draft.emailCap}
          onChange={({ reentry, emailCap }) =>
            update((d) => {
              const rest = { ...d };
              delete rest.reentry;
              delete rest.emailCap;
              return { ...rest, ...(reentry ? { reentry } : {}), ...(emailCap ? { emailCap } : {}) };
            })
          }
        />
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={t('editor.validation')}
          extra={
            <span data-testid="validation-state" data-state={validation.state}>
              {validation.state === 'valid' && <Tag color="success">{t('editor.valid')}</Tag>}
              {validation.state === 'invalid' && (
                <Tag color="error">{t('editor.invalid', { n: issues.length })}</Tag>
              )}
              {validation.state === 'checking' && <Tag>{t('editor.checking')}</Tag>}
            </span>
          }
        >
          {validation.state === 'unknown' && <ProblemAlert problem={validation.problem} />}
          {validation.state === 'invalid' && (
            <List
              size="small"
              data-testid="validation-issues"
              dataSource={issues}
              renderItem={(issue) => (
                <List.Item>
                  {issue.nodeId ? (
                    <Button
                      type="link"
                      size="small"
                      style={{ padding: 0 }}
                      onClick={() => setSelectedId(issue.nodeId ?? null)}
                    >
                      {issue.nodeId}
                    </Button>
                  ) : null}{' '}
                  {issue.where && <Typography.Text code>{issue.where}</Typography.Text>} {issue.message}
                </List.Item>
              )}
            />
          )}
          {validation.state === 'valid' && <Alert type="success" showIcon title={t('editor.validHelp')} />}
        </Card>
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={editsDraft ? t('editor.saveTitle') : t('editor.createTitle')}
        >
          {createProblem && <ProblemAlert problem={createProblem} onClose={() => setCreateProblem(null)} />}
          {editsDraft && (
            <Typography.Paragraph type="secondary">{t('editor.campaignFixed')}</Typography.Paragraph>
          )}
          <Form form={form} name="editorCampaign" layout="inline" requiredMark={false}>
            <Form.Item
              name="name"
              label={t('campaigns.name')}
              rules={[{ required: true, whitespace: true, max: 200 }]}
            >
              <Input style={{ width: 260 }} />
            </Form.Item>
            {/* A draft keeps its budget (top it up on its page); a new campaign or a copy names one. */}
            <Form.Item
              name="budget"
              label={t('editor.budget')}
              hidden={editsDraft}
              rules={[{ required: !editsDraft, type: 'number', min: 0.01 }]}
            >
              <InputNumber min={0.01} step={100} precision={2} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="timezone" label={t('editor.timezone')} initialValue="Asia/Shanghai">
              <Select
                showSearch
                disabled={editsDraft}
                style={{ width: 200 }}
                options={TIME_ZONES.map((tz) => ({ value: tz, label: tz }))}
              />
            </Form.Item>
            <Form.Item name="audience" label={t('editor.audience')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                disabled={editsDraft}
                placeholder={t('editor.audiencePlaceholder')}
                style={{ width: 220 }}
                options={(segments.data ?? []).map((s) => ({ value: s.segmentId, label: s.name }))}
              />
            </Form.Item>
            <Form.Item name="enrolExisting" valuePropName="checked">
              <Checkbox disabled={editsDraft || !audience} data-testid="editor-enrolExisting">
                {t('editor.enrolExisting')}
              </Checkbox>
            </Form.Item>
            {editsDraft ? (
              <Button
                type="primary"
                loading={creating}
                disabled={validation.state !== 'valid'}
                onClick={() => void save()}
                data-testid="editor-save"
              >
                {t('editor.save')}
              </Button>
            ) : (
              <Button
                type="primary"
                loading={creating}
                disabled={validation.state !== 'valid'}
                onClick={() => void create()}
                data-testid="editor-create"
              >
                {openedCampaign ? t('editor.copyAsNew') : t('editor.create')}
              </Button>
            )}
          </Form>
        </Card>
      </section>
    </EditorCatalogContext.Provider>
  );
}
