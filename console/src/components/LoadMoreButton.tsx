import { Button } from 'antd';

/** Below a list loaded in pages: asks for the next page while there is one (the screen keeps what it loaded). */
export function LoadMoreButton({
  label,
  loading,
  onMore,
  testId,
}: {
  label: string;
  loading: boolean;
  onMore: () => void;
  testId: string;
}) {
  return (
    <Button style={{ marginTop: 12 }} loading={loading} onClick={onMore} data-testid={testId}>
      {label}
    </Button>
  );
}
