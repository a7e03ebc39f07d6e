import { DEFAULT_POLICY } from '../councils/policy';

/**
 * The demo joint council, as data: who is in it, when it met, and what happened to each decision.
 * `load-demo.ts` plays it through the HTTP API, so every change has its audit event and its
 * reminders, exactly as if people had clicked through it.
 *
 * Times are relative: `day` counts days from the day the demo is loaded (negative = in the past),
 * `at` is the local time of day in the council's zone (Asia/Shanghai). Deadlines (`due`) are dates,
 * which the service reads as the end of that day; an overdue item's deadline is given as the
 * escalation level it must have reached instead, and the loader finds the date from the calendar
 * (demo-calendar.ts). A title names its deadline as `{due}`, never as a fixed date. Every demo login
 * shares DEMO_PASSWORD.
 *
 * Pure data: no Nest, no TypeORM.
 */

export const DEMO_COUNCIL_NAME = '某区党建共建联席会议（演示）';
export const DEMO_TIMEZONE = 'Asia/Shanghai';
/** The one password of every demo login (documented in README.md). */
export const DEMO_PASSWORD = 'duban-demo-2026';

export type OrganizationKind =
  | 'party_committee'
  | 'party_branch'
  | 'working_committee'
  | 'subdistrict_office'
  | 'management_committee'
  | 'government'
  | 'company'
  | 'other';

export type OrgKey = 'soeCommittee' | 'streetCommittee' | 'zoneCommittee' | 'subdistrictOffice' | 'companyBranch';

export type PersonKey =
  | 'chair'
  | 'secretary'
  | 'supervisorLead'
  | 'supervisor'
  | 'ownerStreet'
  | 'ownerZone'
  | 'ownerSoe'
  | 'ownerCompany'
  | 'coHandlerZone'
  | 'leaderSoe'
  | 'leaderZone'
  | 'leaderSubdistrict'
  | 'leaderCompany';

export interface DemoOrganization {
  name: string;
  kind: OrganizationKind;
  /** Set after the people exist. */
  leader: PersonKey;
}

export interface DemoPerson {
  username: string;
  name: string;
  organization: OrgKey;
  title: string;
  /** What this login is for, shown in README.md and printed by the loader. */
  role: string;
  email: string;
}

export const DEMO_ORGANIZATIONS: Record<OrgKey, DemoOrganization> = {
  soeCommittee: { name: '某国企区委', kind: 'party_committee', leader: 'leaderSoe' },
  streetCommittee: { name: '某街道工委', kind: 'working_committee', leader: 'chair' },
  zoneCommittee: { name: '某开发区管委会', kind: 'management_committee', leader: 'leaderZone' },
  subdistrictOffice: { name: '某街道办事处', kind: 'subdistrict_office', leader: 'leaderSubdistrict' },
  companyBranch: { name: '某科技公司党支部', kind: 'party_branch', leader: 'leaderCompany' },
};

const mail = (user: string) => `${user}@demo.duban.invalid`;

export const DEMO_PEOPLE: Record<PersonKey, DemoPerson> = {
  chair: {
    username: 'wangjianguo',
    name: '王建国',
    organization: 'streetCommittee',
    title: '街道工委书记、联席会议召集人',
    role: 'council chair; leader of 某街道工委',
    email: mail('wangjianguo'),
  },
  secretary: {
    username: 'lixiuying',
    name: '李秀英',
    organization: 'streetCommittee',
    title: '联席会议办公室秘书',
    role: 'council secretary (registers meetings and decisions)',
    email: mail('lixiuying'),
  },
  supervisorLead: {
    username: 'zhangwei',
    name: '张伟',
    organization: 'soeCommittee',
    title: '督查小组组长',
    role: 'supervisor (assigns, verifies, approves extensions)',
    email: mail('zhangwei'),
  },
  supervisor: {
    username: 'liuyang',
    name: '刘洋',
    organization: 'streetCommittee',
    title: '督查小组成员',
    role: 'supervisor',
    email: mail('liuyang'),
  },
  ownerStreet: {
    username: 'chenjing',
    name: '陈静',
    organization: 'subdistrictOffice',
    title: '城建科科长',
    role: 'responsible cadre (owner)',
    email: mail('chenjing'),
  },
  ownerZone: {
    username: 'zhaolei',
    name: '赵磊',
    organization: 'zoneCommittee',
    title: '建设局副局长',
    role: 'responsible cadre (owner)',
    email: mail('zhaolei'),
  },
  ownerSoe: {
    username: 'sunli',
    name: '孙丽',
    organization: 'soeCommittee',
    title: '组织部副部长',
    role: 'responsible cadre (owner)',
    email: mail('sunli'),
  },
  ownerCompany: {
    username: 'zhouqiang',
    name: '周强',
    organization: 'companyBranch',
    title: '党支部组织委员',
    role: 'responsible cadre (owner)',
    email: mail('zhouqiang'),
  },
  coHandlerZone: {
    username: 'machao',
    name: '马超',
    organization: 'zoneCommittee',
    title: '规划科科员',
    role: 'co-handler (reports progress on items 管委会 co-handles)',
    email: mail('machao'),
  },
  leaderSoe: {
    username: 'zhengguohua',
    name: '郑国华',
    organization: 'soeCommittee',
    title: '区委书记',
    role: 'unit leader of 某国企区委',
    email: mail('zhengguohua'),
  },
  leaderZone: {
    username: 'wuhaitao',
    name: '吴海涛',
    organization: 'zoneCommittee',
    title: '管委会主任',
    role: 'unit leader of 某开发区管委会',
    email: mail('wuhaitao'),
  },
  leaderSubdistrict: {
    username: 'huangzhiming',
    name: '黄志明',
    organization: 'subdistrictOffice',
    title: '街道办事处主任',
    role: 'unit leader of 某街道办事处',
    email: mail('huangzhiming'),
  },
  leaderCompany: {
    username: 'hexiaoyan',
    name: '何晓燕',
    organization: 'companyBranch',
    title: '党支部书记',
    role: 'unit leader of 某科技公司党支部',
    email: mail('hexiaoyan'),
  },
};

export const DEMO_COUNCIL = {
  name: DEMO_COUNCIL_NAME,
  description:
    '国企区委、街道工委、开发区管委会、街道办事处与辖区企业党支部结对共建，定期召开联席会议，会议决定事项由督查小组梳理交办、跟踪督办、验收销号。（演示数据）',
  members: ['soeCommittee', 'streetCommittee', 'zoneCommittee', 'subdistrictOffice', 'companyBranch'] as OrgKey[],
  chair: 'chair' as PersonKey,
  secretaries: ['secretary'] as PersonKey[],
  supervisors: ['supervisorLead', 'supervisor'] as PersonKey[],
  // DESIGN.md's example policy, which is also the defaults: stored in full so the demo shows what a council can set.
  policy: DEFAULT_POLICY,
};

export type MeetingKey = 'first' | 'second' | 'floodSpecial';

export interface DemoMeeting {
  title: string;
  kind: 'regular' | 'ad_hoc';
  day: number;
  at: string;
  location: string;
  attendees: PersonKey[];
  minutes: string;
}

const everyone: PersonKey[] = [
  'chair',
  'secretary',
  'supervisorLead',
  'supervisor',
  'leaderSoe',
  'leaderZone',
  'leaderSubdistrict',
  'leaderCompany',
];

export const DEMO_MEETINGS: Record<MeetingKey, DemoMeeting> = {
  first: {
    title: '党建共建联席会议第一次全体会议',
    kind: 'regular',
    day: -75,
    at: '09:30',
    location: '街道工委三楼会议室',
    attendees: everyone,
    minutes: '会议听取了各共建单位工作汇报，研究确定了本季度重点共建事项，明确由督查小组梳理归口、逐项交办。',
  },
  second: {
    title: '党建共建联席会议第二次全体会议',
    kind: 'regular',
    day: -40,
    at: '14:30',
    location: '开发区管委会一号会议室',
    attendees: everyone,
    minutes: '会议通报了第一次会议决定事项办理进展，对滞后事项提出督办要求，研究了民生实事项目。',
  },
  floodSpecial: {
    title: '防汛工作专题联席会议',
    kind: 'ad_hoc',
    day: -12,
    at: '16:00',
    location: '街道防汛指挥部',
    attendees: ['chair', 'secretary', 'supervisorLead', 'leaderZone', 'leaderSubdistrict'],
    minutes: '临时会议研究汛期准备工作，决定开展防汛物资检查并制定应急值守方案。',
  },
};

export type ResolutionStatus = 'registered' | 'assigned' | 'in_progress' | 'completion_requested' | 'closed' | 'cancelled';

/** A deadline far enough in the past, in working days, for the item to be at this escalation level when loaded. */
export interface OverdueAt {
  overdueLevel: 1 | 2 | 3;
}

/** One thing that happens to a decision, at `day` / `at` (see the top of this file). */
export type DemoStep = { day: number; at: string } & (
  | { action: 'assign'; lead: OrgKey; co?: OrgKey[]; owner: PersonKey; due: number | OverdueAt; note?: string }
  | { action: 'accept'; note?: string }
  | { action: 'progress'; by?: PersonKey; percent: number; note: string }
  | { action: 'request_extension'; due: number; reason: string }
  | { action: 'approve_extension' | 'reject_extension'; note?: string }
  | { action: 'request_completion'; summary: string; evidence?: string }
  | { action: 'verify'; rating?: 'satisfactory' | 'needs_improvement' | 'unsatisfactory'; note?: string }
  | { action: 'return'; reason: string }
  | { action: 'cancel'; by: PersonKey; reason: string }
  | { action: 'urge'; note: string }
  | {
      action: 'check';
      method: 'site_visit' | 'document_review' | 'hearing';
      inspectors: PersonKey[];
      findings: string;
      rating: 'satisfactory' | 'needs_improvement' | 'unsatisfactory';
    }
);

export interface DemoDecision {
  key: string;
  meeting: MeetingKey;
  /** A child (分解) is registered by a supervisor under its parent instead of by the secretary. */
  parent?: string;
  registered: { day: number; at: string };
  title: string;
  description: string;
  category: string;
  priority: 'normal' | 'high' | 'urgent';
  steps: DemoStep[];
  /** Where the steps leave it when the demo is loaded (checked by the integration test). */
  expected: { status: ResolutionStatus; overdue: boolean; escalationLevel?: 1 | 2 | 3 };
}

export const DEMO_DECISIONS: DemoDecision[] = [
  // ── First meeting (75 days ago) ────────────────────────────────────────────────────────────
  {
    key: 'demolition',
    meeting: 'first',
    registered: { day: -75, at: '15:00' },
    title: '两个月内清除滨江路安置房项目拆迁障碍',
    description: '滨江路安置房项目因3户未签约及一处违建影响开工，由街道办牵头、管委会配合，依法依规完成清障。',
    category: '重点项目',
    priority: 'high',
    steps: [
      {
        day: -74,
        at: '10:00',
        action: 'assign',
        lead: 'subdistrictOffice',
        co: ['zoneCommittee'],
        owner: 'ownerStreet',
        due: { overdueLevel: 3 },
        note: '请于两个月内完成，每周五报送进展。',
      },
      { day: -73, at: '09:00', action: 'accept', note: '已签收，立即成立清障工作专班。' },
      { day: -60, at: '17:00', action: 'progress', percent: 20, note: '已完成入户走访，2户达成签约意向。' },
      { day: -46, at: '17:00', action: 'progress', by: 'coHandlerZone', percent: 35, note: '管委会已出具违建认定意见。' },
      { day: -32, at: '17:00', action: 'progress', percent: 40, note: '1户仍未签约，正在协调补偿方案。' },
      {
        day: -20,
        at: '11:00',
        action: 'check',
        method: 'site_visit',
        inspectors: ['supervisorLead', 'supervisor'],
        findings: '现场违建尚未拆除，剩余1户补偿分歧较大，进度滞后。',
        rating: 'needs_improvement',
      },
      { day: -8, at: '10:30', action: 'urge', note: '该事项已逾期，请街道办三日内书面说明原因并提出完成时限。' },
    ],
    expected: { status: 'in_progress', overdue: true, escalationLevel: 3 },
  },
  {
    key: 'park',
    meeting: 'first',
    registered: { day: -75, at: '15:05' },
    title: '{due}前建成开放滨河口袋公园',
    description: '利用滨河闲置地块建设口袋公园，配套健身步道和休憩设施，建成后向居民开放。',
    category: '民生实事',
    priority: 'normal',
    steps: [
      { day: -74, at: '10:10', action: 'assign', lead: 'zoneCommittee', co: ['subdistrictOffice'], owner: 'ownerZone', due: 40 },
      { day: -73, at: '14:00', action: 'accept' },
      { day: -55, at: '17:00', action: 'progress', percent: 25, note: '设计方案已通过评审。' },
      { day: -30, at: '17:00', action: 'progress', percent: 50, note: '土方和管网工程完成。' },
      { day: -6, at: '17:00', action: 'progress', percent: 70, note: '步道铺装完成，正在安装健身器材。' },
    ],
    expected: { status: 'in_progress', overdue: false },
  },
  {
    key: 'classroom',
    meeting: 'first',
    registered: { day: -75, at: '15:10' },
    title: '开设国企与社区党建共建联合课堂',
    description: '由国企区委牵头，联合辖区企业党支部，每月开设一期面向社区党员和青年职工的联合课堂。',
    category: '党建共建',
    priority: 'normal',
    steps: [
      { day: -74, at: '10:20', action: 'assign', lead: 'soeCommittee', co: ['companyBranch'], owner: 'ownerSoe', due: -30 },
      { day: -73, at: '09:30', action: 'accept' },
      { day: -50, at: '17:00', action: 'progress', percent: 60, note: '首期课堂已开班，参加党员86人。' },
      {
        day: -36,
        at: '10:00',
        action: 'request_completion',
        summary: '联合课堂已连续开设两期，形成课程表和师资库，建立常态化机制。',
        evidence: '课程表、签到表、活动照片已报督查小组。',
      },
      { day: -34, at: '15:00', action: 'verify', rating: 'satisfactory', note: '资料齐全，同意销号。' },
      {
        day: -33,
        at: '15:00',
        action: 'check',
        method: 'document_review',
        inspectors: ['supervisor'],
        findings: '台账完整，机制健全。',
        rating: 'satisfactory',
      },
    ],
    expected: { status: 'closed', overdue: false },
  },
  {
    key: 'serviceOfficers',
    meeting: 'first',
    registered: { day: -75, at: '15:15' },
    title: '建立开发区企业服务专员制度',
    description: '为开发区重点企业逐一明确服务专员，建立问题收集、交办、反馈闭环。',
    category: '营商环境',
    priority: 'normal',
    steps: [
      { day: -74, at: '10:30', action: 'assign', lead: 'zoneCommittee', owner: 'ownerZone', due: 10 },
      { day: -72, at: '09:00', action: 'accept' },
      { day: -45, at: '17:00', action: 'progress', percent: 50, note: '首批42家企业服务专员已确定。' },
      {
        day: -4,
        at: '16:00',
        action: 'request_completion',
        summary: '制度已印发，服务专员覆盖全部重点企业，首月收集问题17件、办结15件。',
        evidence: '《企业服务专员工作制度》及问题台账。',
      },
    ],
    expected: { status: 'completion_requested', overdue: false },
  },
  {
    key: 'elevators',
    meeting: 'first',
    registered: { day: -75, at: '15:20' },
    title: '开展老旧小区加装电梯需求摸底',
    description: '对辖区老旧小区逐栋摸排加装电梯意愿和条件。',
    category: '民生实事',
    priority: 'normal',
    steps: [
      { day: -74, at: '10:40', action: 'assign', lead: 'subdistrictOffice', owner: 'ownerStreet', due: 20 },
      {
        day: -50,
        at: '09:00',
        action: 'cancel',
        by: 'secretary',
        reason: '区里已统一部署加装电梯专项摸底，本事项并入区级工作，不再单独督办。',
      },
    ],
    expected: { status: 'cancelled', overdue: false },
  },
  {
    key: 'jobFair',
    meeting: 'first',
    registered: { day: -75, at: '15:25' },
    title: '举办辖区企业用工对接会',
    description: '由企业党支部牵头，组织辖区企业与社区待业居民开展用工对接。',
    category: '就业服务',
    priority: 'high',
    steps: [
      {
        day: -74,
        at: '10:50',
        action: 'assign',
        lead: 'companyBranch',
        co: ['subdistrictOffice'],
        owner: 'ownerCompany',
        due: { overdueLevel: 2 },
      },
      { day: -73, at: '16:00', action: 'accept' },
      { day: -40, at: '17:00', action: 'progress', percent: 30, note: '已征集岗位需求120个，场地待落实。' },
    ],
    expected: { status: 'in_progress', overdue: true, escalationLevel: 2 },
  },
  // ── Second meeting (40 days ago) ───────────────────────────────────────────────────────────
  {
    key: 'streetLights',
    meeting: 'second',
    registered: { day: -40, at: '17:00' },
    title: '完成开发区主干道路灯节能改造',
    description: '对开发区三条主干道路灯进行LED节能改造，消除夜间照明盲区。',
    category: '基础设施',
    priority: 'normal',
    steps: [
      { day: -39, at: '09:30', action: 'assign', lead: 'zoneCommittee', owner: 'ownerZone', due: 12 },
      { day: -38, at: '10:00', action: 'accept' },
      { day: -20, at: '17:00', action: 'progress', percent: 45, note: '一号路、二号路改造完成。' },
      {
        day: -3,
        at: '11:00',
        action: 'request_extension',
        due: 45,
        reason: '三号路涉及燃气管线迁改，需与燃气公司协调施工窗口，申请延期至下月。',
      },
    ],
    expected: { status: 'in_progress', overdue: false },
  },
  {
    key: 'serviceCentre',
    meeting: 'second',
    registered: { day: -40, at: '17:05' },
    title: '共建社区党群服务中心',
    description: '国企区委与街道共建社区党群服务中心，提供党员活动、政务代办和便民服务。',
    category: '党建共建',
    priority: 'normal',
    steps: [
      { day: -39, at: '09:40', action: 'assign', lead: 'soeCommittee', co: ['subdistrictOffice'], owner: 'ownerSoe', due: -5 },
      { day: -38, at: '11:00', action: 'accept' },
      { day: -25, at: '17:00', action: 'progress', percent: 40, note: '选址确定，装修方案已报批。' },
      { day: -12, at: '10:00', action: 'request_extension', due: 25, reason: '装修招标流标一次，需重新招标，申请延期一个月。' },
      { day: -11, at: '15:00', action: 'approve_extension', note: '情况属实，同意延期，请按新时限完成。' },
      { day: -5, at: '17:00', action: 'progress', percent: 55, note: '重新招标完成，已进场施工。' },
    ],
    expected: { status: 'in_progress', overdue: false },
  },
  {
    key: 'parking',
    meeting: 'second',
    registered: { day: -40, at: '17:10' },
    title: '治理老旧小区停车难问题',
    description: '通过新建停车设施和错时共享，缓解辖区老旧小区停车难。',
    category: '民生实事',
    priority: 'high',
    steps: [
      {
        day: -39,
        at: '09:50',
        action: 'assign',
        lead: 'subdistrictOffice',
        co: ['zoneCommittee', 'companyBranch'],
        owner: 'ownerStreet',
        due: 50,
      },
      { day: -38, at: '14:00', action: 'accept' },
      { day: -15, at: '17:00', action: 'progress', percent: 35, note: '错时共享停车已在两个小区试点。' },
    ],
    expected: { status: 'in_progress', overdue: false },
  },
  {
    key: 'parkingSharing',
    meeting: 'second',
    parent: 'parking',
    registered: { day: -37, at: '10:00' },
    title: '与辖区企业签订错时共享停车协议',
    description: '停车难治理的分解事项：协调企业停车场夜间向居民开放。',
    category: '民生实事',
    priority: 'normal',
    steps: [
      { day: -37, at: '10:30', action: 'assign', lead: 'companyBranch', owner: 'ownerCompany', due: -10 },
      { day: -36, at: '09:00', action: 'accept' },
      {
        day: -20,
        at: '16:00',
        action: 'request_completion',
        summary: '已与3家企业签订协议，新增夜间共享车位160个。',
        evidence: '共享停车协议3份。',
      },
      { day: -18, at: '10:00', action: 'verify', rating: 'satisfactory' },
    ],
    expected: { status: 'closed', overdue: false },
  },
  {
    key: 'parkingGarage',
    meeting: 'second',
    parent: 'parking',
    registered: { day: -37, at: '10:05' },
    title: '完成立体停车场选址论证',
    description: '停车难治理的分解事项：在开发区边缘地块论证建设立体停车场。',
    category: '民生实事',
    priority: 'normal',
    steps: [
      { day: -37, at: '10:40', action: 'assign', lead: 'zoneCommittee', owner: 'ownerZone', due: 30 },
      { day: -35, at: '09:00', action: 'accept' },
      { day: -16, at: '17:00', action: 'progress', by: 'ownerZone', percent: 30, note: '两个备选地块已完成初步踏勘。' },
    ],
    expected: { status: 'in_progress', overdue: false },
  },
  {
    key: 'safetyTraining',
    meeting: 'second',
    registered: { day: -40, at: '17:15' },
    title: '开展辖区企业安全生产培训',
    description: '组织辖区企业负责人和安全员开展安全生产专题培训。',
    category: '安全生产',
    priority: 'normal',
    steps: [
      { day: -39, at: '10:00', action: 'assign', lead: 'companyBranch', owner: 'ownerCompany', due: 2 },
      { day: -38, at: '09:00', action: 'accept' },
      { day: -10, at: '16:00', action: 'request_completion', summary: '已举办培训一场。' },
      { day: -8, at: '11:00', action: 'return', reason: '仅覆盖12家企业，未达到全覆盖要求，请补充培训后再申请销号。' },
      { day: -3, at: '17:00', action: 'progress', percent: 80, note: '补充培训已安排在本周四。' },
    ],
    expected: { status: 'in_progress', overdue: false },
  },
  {
    key: 'canteen',
    meeting: 'second',
    registered: { day: -40, at: '17:18' },
    title: '开办社区老年助餐食堂',
    description: '依托社区闲置用房开办老年助餐食堂，国企区委提供运营支持。',
    category: '民生实事',
    priority: 'normal',
    steps: [
      {
        day: -39,
        at: '10:10',
        action: 'assign',
        lead: 'subdistrictOffice',
        co: ['soeCommittee'],
        owner: 'ownerStreet',
        due: { overdueLevel: 1 },
      },
      { day: -38, at: '15:00', action: 'accept' },
      { day: -20, at: '17:00', action: 'progress', percent: 60, note: '厨房改造完成，正在办理食品经营许可。' },
    ],
    expected: { status: 'in_progress', overdue: true, escalationLevel: 1 },
  },
  {
    key: 'alleys',
    meeting: 'second',
    registered: { day: -40, at: '17:20' },
    title: '背街小巷环境综合整治',
    description: '对辖区12条背街小巷的乱堆乱放、违规停车和破损路面进行集中整治。',
    category: '城市管理',
    priority: 'normal',
    steps: [
      {
        day: -2,
        at: '10:00',
        action: 'assign',
        lead: 'subdistrictOffice',
        co: ['companyBranch'],
        owner: 'ownerStreet',
        due: 30,
        note: '原定由区城管统筹，现交由街道牵头。',
      },
    ],
    expected: { status: 'assigned', overdue: false },
  },
  // ── Ad-hoc flood meeting (12 days ago) ─────────────────────────────────────────────────────
  {
    key: 'floodSupplies',
    meeting: 'floodSpecial',
    registered: { day: -12, at: '18:00' },
    title: '开展防汛物资储备专项检查',
    description: '对辖区各防汛物资仓库的沙袋、水泵、救生器材进行清点检查。',
    category: '防汛',
    priority: 'urgent',
    steps: [{ day: -11, at: '09:00', action: 'assign', lead: 'zoneCommittee', co: ['subdistrictOffice'], owner: 'ownerZone', due: 5 }],
    expected: { status: 'assigned', overdue: false },
  },
  {
    key: 'floodDuty',
    meeting: 'floodSpecial',
    registered: { day: -12, at: '18:05' },
    title: '制定汛期应急值守方案',
    description: '明确汛期24小时值守人员、联络方式和响应流程。',
    category: '防汛',
    priority: 'urgent',
    steps: [],
    expected: { status: 'registered', overdue: false },
  },
  {
    key: 'nightMarket',
    meeting: 'floodSpecial',
    registered: { day: -12, at: '18:10' },
    title: '排查夜市摊点消防安全隐患',
    description: '汛期前对夜市临时摊点的用电和消防通道进行排查。',
    category: '安全生产',
    priority: 'high',
    steps: [],
    expected: { status: 'registered', overdue: false },
  },
];

/** How many decisions the demo leaves in each status (the e2e test compares the API's counts). */
export function expectedDemoCounts(): Record<ResolutionStatus, number> {
  const counts: Record<ResolutionStatus, number> = {
    registered: 0,
    assigned: 0,
    in_progress: 0,
    completion_requested: 0,
    closed: 0,
    cancelled: 0,
  };
  for (const d of DEMO_DECISIONS) counts[d.expected.status] += 1;
  return counts;
}
