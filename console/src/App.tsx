import { App as AntApp, Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { AccessContext, type Access } from './access';
import { api } from './api/client';
import { loadOpenApiDocument, mayCall, rolesByOperation, type OpenApiDocument } from './api/document';
import { call, problemOf, type Problem } from './api/problem';
import { ProblemAlert } from './components/ProblemAlert';
import { useLocale } from './i18n/locale';
import { forgetApiKey, readApiKey, storeApiKey } from './session';
import { Adjustments } from './screens/Adjustments';
import { AuditLog } from './screens/AuditLog';
import { Campaigns } from './screens/Campaigns';
import { Finance } from './screens/Finance';
import { SignIn, type Me } from './screens/SignIn';
import { SupportTasks } from './screens/SupportTasks';

// Loaded when first opened: the form library and the charts are two thirds of the bundle, and sign-in needs neither.
const CampaignDetail = lazy(() =>
  import('./screens/CampaignDetail').then((m) => ({ default: m.CampaignDetail })),
);
const CreateCampaignScreen = lazy(() =>
  import('./screens/CreateCampaign').then((m) => ({ default: m.CreateCampaignScreen })),
);
// The journey editor carries the graph library: growth opens it now and then, nobody else does.
const FlowEditor = lazy(() =>
  import('./screens/flow-editor/FlowEditor').then((m) => ({ default: m.FlowEditor })),
);
// Support's and ops' screens: most keys open one of them or neither, so they load when first opened.
const Customers = lazy(() => import('./screens/Customers').then((m) => ({ default: m.Customers })));
const Ops = lazy(() => import('./screens/Ops').then((m) => ({ default: m.Ops })));

type Section = 'campaigns' | 'tasks' | 'customers' | 'adjustments' | 'audit' | 'finance' | 'ops';
type View =
  | { section: 'campaigns'; campaignId?: string; creating?: boolean; editingFlow?: boolean }
  | { section: Exclude<Section, 'campaigns'> };

/** Each section is shown to a key that may call the operation it lists (by the API's declared roles). */
const SECTION_OPERATION: Record<Section, string> = {
  campaigns: 'listCampaigns',
  tasks: 'listSupportTasks',
  customers: 'getCustomer',
  adjustments: 'listAdjustments',
  audit: 'listAuditEntries',
  finance: 'getLiability',
  ops: 'getJourneyOverview',
};

export function App() {
  const { t, lang, setLang } = useLocale();
  const [doc, setDoc] = useState<OpenApiDocument | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [restoring, setRestoring] = useState(() => readApiKey() !== null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [view, setView] = useState<View | null>(null);

  useEffect(() => {
    loadOpenApiDocument().then(setDoc, (err: unknown) => setProblem(problemOf(err)));
    // A reload keeps the session: the stored key is checked again (it may have been revoked meanwhile).
    if (readApiKey() === null) return;
    call(api.GET('/v1/me'))
      .then(setMe, (err: unknown) => {
        forgetApiKey();
        setProblem(problemOf(err));
      })
      .finally(() => setRestoring(false));
  }, []);

  const access = useMemo<Access | null>(() => {
    if (!me || !doc) return null;
    const roles = rolesByOperation(doc);
    return { name: me.name, roles: me.roles, may: (op) => mayCall(roles, me.roles, op) };
  }, [me, doc]);

  const sections = useMemo(
    () =>
      access
        ? (Object.keys(SECTION_OPERATION) as Section[]).filter((s) => access.may(SECTION_OPERATION[s]))
        : [],
    [access],
  );

  const current: View | null = view ?? (sections[0] ? { section: sections[0] } : null);

  const signOut = () => {
    forgetApiKey();
    setMe(null);
    setView(null);
    setProblem(null);
  };

  const languageToggle = (
    <Button
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      title={t('lang.switchLabel')}
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      data-testid="lang-toggle"
    >
      {t('lang.switch')}
    </Button>
  );

  let body;
  if (restoring || (me && !doc && !problem)) {
    body = (
      <main style={{ padding: 48, textAlign: 'center' }}>
        <Spin /> {t('loading')}
      </main>
    );
  } else if (!me || !access || !doc) {
    body = (
      <>
        <div style={{ position: 'absolute', top: 16, right: 16 }}>{languageToggle}</div>
        {problem && (
          <div style={{ maxWidth: 480, margin: '16px auto 0' }}>
            <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
          </div>
        )}
        <SignIn
          onSignedIn={(key, who) => {
            storeApiKey(key);
            setProblem(null);
            setMe(who);
          }}
        />
      </>
    );
  } else {
    let content;
    if (!current) content = <Result status="403" title={t('nav.none')} />;
    else if (current.section === 'campaigns' && current.creating)
      content = (
        <CreateCampaignScreen
          doc={doc}
          onCreated={(id) => setView({ section: 'campaigns', campaignId: id })}
          onCancel={() => setView({ section: 'campaigns' })}
        />
      );
    else if (current.section === 'campaigns' && current.editingFlow)
      content = (
        <FlowEditor
          onCreated={(id) => setView({ section: 'campaigns', campaignId: id })}
          onCancel={() => setView({ section: 'campaigns' })}
        />
      );
    else if (current.section === 'campaigns' && current.campaignId)
      content = <CampaignDetail id={current.campaignId} onBack={() => setView({ section: 'campaigns' })} />;
    else if (current.section === 'campaigns')
      content = (
        <Campaigns
          onOpen={(id) => setView({ section: 'campaigns', campaignId: id })}
          onCreate={() => setView({ section: 'campaigns', creating: true })}
          onEditFlow={() => setView({ section: 'campaigns', editingFlow: true })}
        />
      );
    else if (current.section === 'tasks') content = <SupportTasks />;
    else if (current.section === 'customers') content = <Customers />;
    else if (current.section === 'ops') content = <Ops />;
    else if (current.section === 'adjustments') content = <Adjustments />;
    else if (current.section === 'audit') content = <AuditLog />;
    else content = <Finance />;

    body = (
      <AccessContext.Provider value={access}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header
            style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}
          >
            <Typography.Text strong style={{ color: '#fff', fontSize: 16 }}>
              {t('app.title')}
            </Typography.Text>
            <Space>
              <Typography.Text style={{ color: '#fff' }} data-testid="signed-in-as">
                {t('signedInAs', { name: access.name, roles: access.roles.join(', ') })}
              </Typography.Text>
              {languageToggle}
              <Button onClick={signOut} data-testid="sign-out">
                {t('signOut')}
              </Button>
            </Space>
          </Layout.Header>
          <Layout>
            <Layout.Sider width={200} theme="light" breakpoint="md" collapsedWidth={0}>
              <nav aria-label={t('nav.label')}>
                <Menu
                  mode="inline"
                  selectedKeys={current ? [current.section] : []}
                  onClick={({ key }) => setView({ section: key as Section })}
                  items={sections.map((s) => ({ key: s, label: t(`nav.${s}`) }))}
                  data-testid="nav"
                />
              </nav>
            </Layout.Sider>
            <Layout.Content style={{ padding: 24 }}>
              <main>
                <Suspense fallback={<Spin aria-label={t('loading')} />}>{content}</Suspense>
              </main>
            </Layout.Content>
          </Layout>
        </Layout>
      </AccessContext.Provider>
    );
  }

  return <AntApp>{body}</AntApp>;
}
