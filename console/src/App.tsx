import { App as AntApp, Button, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { AccessContext, type Access } from './access';
import { api } from './api/client';
import { loadOpenApiDocument, mayCall, rolesByOperation, type OpenApiDocument } from './api/document';
import { call, problemOf, type Problem } from './api/problem';
import { ProblemAlert } from './components/ProblemAlert';
import { useLocale } from './i18n/locale';
import { SECTIONS, type Route, type Section } from './routes';
import { useRoute } from './use-route';
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
// Growth's audiences: the condition builder and its live count.
const Segments = lazy(() => import('./screens/Segments').then((m) => ({ default: m.Segments })));

/** Each section is shown to a key that may call the operation it lists (by the API's declared roles). */
const SECTION_OPERATION: Record<Section, string> = {
  campaigns: 'listCampaigns',
  segments: 'listSegments',
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
  const [route, navigate] = useRoute();

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
    () => (access ? SECTIONS.filter((s) => access.may(SECTION_OPERATION[s])) : []),
    [access],
  );

  // Signed in at /console itself: the address bar names the first screen the key may open.
  useEffect(() => {
    if (route === null && sections[0]) navigate({ section: sections[0] }, 'replace');
  }, [route, sections, navigate]);
  // A screen the key may not open (a link from someone with other roles) says so; no route: the first it may open.
  const forbidden = route !== null && !sections.includes(route.section);
  const current: Route | null = route ?? (sections[0] ? { section: sections[0] } : null);

  const signOut = () => {
    forgetApiKey();
    setMe(null);
    navigate(null);
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
    const openCampaign = (id: string) => navigate({ section: 'campaigns', campaignId: id });
    if (!current || forbidden) content = <Result status="403" title={t('nav.none')} />;
    else if (current.section === 'campaigns' && current.creating)
      content = (
        <CreateCampaignScreen
          doc={doc}
          onCreated={openCampaign}
          onCancel={() => navigate({ section: 'campaigns' })}
        />
      );
    else if (current.section === 'campaigns' && current.editingFlow)
      content = (
        <FlowEditor
          key={current.campaignId ?? 'new'}
          campaignId={current.campaignId}
          onSaved={openCampaign}
          onCancel={() =>
            navigate(
              current.campaignId
                ? { section: 'campaigns', campaignId: current.campaignId }
                : { section: 'campaigns' },
            )
          }
        />
      );
    else if (current.section === 'campaigns' && current.campaignId)
      content = (
        <CampaignDetail
          key={current.campaignId}
          id={current.campaignId}
          onBack={() => navigate({ section: 'campaigns' })}
          onEditFlow={() =>
            navigate({ section: 'campaigns', campaignId: current.campaignId, editingFlow: true })
          }
        />
      );
    else if (current.section === 'campaigns')
      content = (
        <Campaigns
          onOpen={openCampaign}
          onCreate={() => navigate({ section: 'campaigns', creating: true })}
          onEditFlow={() => navigate({ section: 'campaigns', editingFlow: true })}
        />
      );
    else if (current.section === 'segments') content = <Segments />;
    else if (current.section === 'tasks') content = <SupportTasks />;
    else if (current.section === 'customers')
      content = (
        <Customers
          customerId={current.customerId}
          onOpen={(customerId) => navigate({ section: 'customers', customerId })}
        />
      );
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
                  onClick={({ key }) => navigate({ section: key as Section })}
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
