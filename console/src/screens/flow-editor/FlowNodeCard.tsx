import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { exitsOf, type FlowNode } from './flow-graph';
import type { DefinitionIssue } from './use-live-validation';

export interface FlowNodeData extends Record<string, unknown> {
  node: FlowNode;
  /** The node type's name in the console's language. */
  typeLabel: string;
  /** One line of what the node does (its event, amount, duration …). */
  summary: string;
  issues: DefinitionIssue[];
}

export type FlowCanvasNode = Node<FlowNodeData, 'flow'>;

const ISSUE_RED = '#cf1322';

/**
 * A node on the canvas: its type, id and what it does; an input handle on top (an entry has none) and one output
 * handle per exit at the bottom, labelled. A node the validation names gets a red border and the messages.
 */
export function FlowNodeCard({ data, selected }: NodeProps<FlowCanvasNode>) {
  const { node, typeLabel, summary, issues } = data;
  const exits = exitsOf(node);
  const invalid = issues.length > 0;
  return (
    <div
      data-testid={`flow-node-${node.id}`}
      data-invalid={invalid ? 'true' : 'false'}
      style={{
        width: 220,
        background: '#fff',
        border: `2px solid ${invalid ? ISSUE_RED : selected ? '#0958d9' : '#8c8c8c'}`,
        borderRadius: 8,
        padding: '8px 10px 18px',
        fontSize: 12,
        color: 'rgba(0, 0, 0, 0.88)',
      }}
    >
      {node.type !== 'entry' && <Handle type="target" position={Position.Top} />}
      <div style={{ fontWeight: 600 }}>{typeLabel}</div>
      <div style={{ fontFamily: 'monospace' }}>{node.id}</div>
      {summary && <div style={{ color: 'rgba(0, 0, 0, 0.7)', overflowWrap: 'anywhere' }}>{summary}</div>}
      {invalid && (
        <ul
          data-testid="flow-node-issues"
          style={{ color: ISSUE_RED, margin: '4px 0 0', paddingLeft: 16, overflowWrap: 'anywhere' }}
        >
          {issues.map((issue, i) => (
            <li key={i}>
              {issue.where ? `${issue.where}: ` : ''}
              {issue.message}
            </li>
          ))}
        </ul>
      )}
      {exits.map((exit, i) => {
        const left = `${((i + 1) * 100) / (exits.length + 1)}%`;
        return (
          <div key={exit.handle}>
            <span
              style={{
                position: 'absolute',
                bottom: 2,
                left,
                transform: 'translateX(-50%)',
                fontSize: 10,
                color: 'rgba(0, 0, 0, 0.7)',
                whiteSpace: 'nowrap',
              }}
            >
              {exit.label}
            </span>
            <Handle
              type="source"
              position={Position.Bottom}
              id={exit.handle}
              style={{ left }}
              data-testid={`handle-${node.id}-${exit.handle}`}
            />
          </div>
        );
      })}
    </div>
  );
}
