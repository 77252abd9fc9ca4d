import { Alert } from 'antd';
import type { Problem } from '../api/problem';
import { useLocale } from '../i18n/locale';

/**
 * Any problem+json, shown the same way: its title, its detail and each field issue (path: message). Text only: the
 * API's words are never rendered as HTML.
 */
export function ProblemAlert({ problem, onClose }: { problem: Problem; onClose?: () => void }) {
  const { t } = useLocale();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem"
      title={problem.status ? `${problem.status} · ${problem.title}` : problem.title}
      description={
        <>
          <div>{problem.detail}</div>
          {problem.errors.length > 0 && (
            <>
              <div>{t('problem.fields')}</div>
              <ul>
                {problem.errors.map((issue, i) => (
                  <li key={i}>
                    <code>{issue.path.join('.')}</code>: {issue.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      }
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 16 }}
    />
  );
}
