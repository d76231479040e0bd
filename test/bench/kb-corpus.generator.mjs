// The knowledge-base benchmark's corpus and traffic: help articles in Chinese and English about the
// helpdesk topics of search-corpus.vocabulary.mjs (refunds, delivery, invoices, login, damaged goods,
// billing, device faults, order changes), the subjects customers type on the new-issue form (as the
// prefixes the form sends while they type), and the standard questions new tickets ask.
// Deterministic for a seed and a size.

import { seededRandom } from './metrics-history.generator.mjs';
import { APPS, CITIES, COURIERS, FIRST_EN, GIVEN_ZH, LAST_EN, PRODUCTS, SURNAMES_ZH, TOPICS } from './search-corpus.vocabulary.mjs';

/**
 * One category per topic plus a few general ones; the bot may answer with the plain "how do I"
 * topics, not with faults, damage or billing disputes, where a person should look.
 */
export const KB_CATEGORIES = [
  { slug: 'refunds', topic: 'refund', nameEn: 'Refunds', nameZhCn: '退款', botMayAnswer: true },
  { slug: 'delivery', topic: 'delivery', nameEn: 'Delivery and tracking', nameZhCn: '配送与物流', botMayAnswer: true },
  { slug: 'invoices', topic: 'invoice', nameEn: 'Invoices and receipts', nameZhCn: '发票与收据', botMayAnswer: true },
  { slug: 'account-login', topic: 'login', nameEn: 'Account and sign-in', nameZhCn: '账号与登录', botMayAnswer: true },
  { slug: 'damaged-goods', topic: 'damaged', nameEn: 'Damaged or wrong items', nameZhCn: '商品破损或发错', botMayAnswer: false },
  { slug: 'billing', topic: 'billing', nameEn: 'Payments and billing', nameZhCn: '支付与账单', botMayAnswer: false },
  { slug: 'device-help', topic: 'device', nameEn: 'Device troubleshooting', nameZhCn: '设备故障排查', botMayAnswer: false },
  { slug: 'orders', topic: 'order', nameEn: 'Changing or cancelling an order', nameZhCn: '修改或取消订单', botMayAnswer: true },
].map((c, position) => ({ ...c, position }));

/** Article titles per topic: what a help center calls its pages (the customers' own subjects are in TOPICS). */
const TITLES = {
  refund: {
    en: ['How to request a refund for your {product}', 'When will my refund arrive?', 'Refund times by payment method', 'Refunds for returned {product} orders', 'Why was my refund less than I paid?', 'Tracking the progress of a refund'],
    zh: ['{product}如何申请退款', '退款多久到账？', '不同支付方式的退款时间', '{product}退货后的退款说明', '退款金额比实付少怎么办', '如何查询退款进度'],
  },
  delivery: {
    en: ['Tracking your {product} delivery', 'My parcel says delivered but I do not have it', 'When will my order ship?', 'Delivery times with {courier}', 'Tracking not updated: what to do', 'Changing the delivery address after shipping'],
    zh: ['如何查询{product}物流', '快递显示签收但没收到怎么办', '订单什么时候发货', '{courier}配送时效说明', '物流信息不更新怎么办', '发货后如何修改收货地址'],
  },
  invoice: {
    en: ['How to download your invoice', 'Correcting the company name on an invoice', 'Getting an itemised receipt', 'VAT invoices for business customers', 'Invoice amount does not match the order'],
    zh: ['如何下载电子发票', '发票抬头开错了怎么修改', '如何开具增值税专用发票', '企业客户开票说明', '发票金额与订单不一致怎么办'],
  },
  login: {
    en: ['Resetting your password', 'I did not receive the verification code', 'Account locked after too many attempts', 'Signing in to the {app}', 'Changing the phone number on your account'],
    zh: ['如何重置密码', '收不到验证码怎么办', '账号被锁定怎么解锁', '如何登录{app}', '如何更换账号绑定的手机号'],
  },
  damaged: {
    en: ['What to do if your {product} arrived damaged', 'Reporting a wrong item in your parcel', 'Missing parts or accessories', 'Photos we need for a damage claim'],
    zh: ['{product}收到时已损坏怎么办', '收到的商品发错了', '配件缺失怎么处理', '破损理赔需要提供的照片'],
  },
  billing: {
    en: ['Charged twice for one order', 'Payment failed but money was taken', 'Understanding a pending charge', 'Paying in instalments for a {product}'],
    zh: ['一笔订单被扣款两次', '支付失败但钱被扣了', '预授权扣款说明', '{product}分期付款说明'],
  },
  device: {
    en: ['{product} will not turn on', '{product} battery drains quickly', 'Updating the software on your {product}', '{product} will not connect to Wi-Fi', 'Factory reset for your {product}'],
    zh: ['{product}无法开机怎么办', '{product}耗电快怎么办', '如何升级{product}系统', '{product}连不上WiFi', '{product}恢复出厂设置'],
  },
  order: {
    en: ['Changing the delivery address of an order', 'Cancelling an order', 'Using a coupon on your order', 'Adding an item to an order you placed'],
    zh: ['如何修改订单收货地址', '如何取消订单', '优惠券使用说明', '下单后如何追加商品'],
  },
};

/** Phrases a help page uses between the customers' and agents' sentences. */
const STEPS = {
  en: ['Open the {app} and go to My orders.', 'Choose the order and select Get help.', 'Keep your order number ready.', 'We answer within one working day.', 'If this did not solve it, open a ticket and a person will take it.'],
  zh: ['打开{app}，进入“我的订单”。', '选择对应订单，点击“申请售后”。', '请准备好订单号。', '我们会在一个工作日内回复。', '如果仍未解决，请提交工单，会有专人跟进。'],
};

const MINUTE = 60_000;
const hex = (n, width) => n.toString(16).padStart(width, '0');
const articleIdOf = (i) => `${hex(i, 8)}-6b62-4000-8000-${hex(0x16a7, 12)}`;
const fill = (template, slots) => template.replace(/\{(\w+)\}/g, (_, key) => slots[key] ?? key);

function slotsFor(random, lang) {
  return {
    product: random.pick(PRODUCTS[lang]),
    courier: random.pick(COURIERS[lang]),
    city: random.pick(CITIES[lang]),
    app: random.pick(APPS[lang]),
    order: `${random.int(2024, 2026)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    amount: lang === 'zh' ? `${random.int(19, 8999)}` : `£${random.int(9, 1999)}.${random.int(10, 99)}`,
    date: lang === 'zh' ? `${random.int(1, 12)}月${random.int(1, 28)}日` : `${random.int(1, 28)} ${random.pick(['March', 'May', 'June', 'October', 'November'])}`,
    tracking: `${random.pick(['SF', 'JD', 'YT'])}${random.int(100_000_000, 999_999_999)}`,
  };
}

/** One article body: an opening that says whom it is for, the agents' answers, the steps, as Markdown. */
function articleBody(random, topic, lang, slots) {
  const words = topic[lang];
  const parts = [
    fill(random.pick(words.description), slots),
    fill(random.pick(words.agent), slots),
    `## ${lang === 'zh' ? '操作步骤' : 'Steps'}`,
    ...Array.from({ length: random.int(2, 4) }, (_, k) => `${k + 1}. ${fill(random.pick(STEPS[lang]), slots)}`),
    fill(random.pick(words.agent), slots),
  ];
  return parts.join('\n\n');
}

/**
 * `count` articles: 40% in both languages, 30% zh-CN only, 30% en only; 85% published, of those 80%
 * public and 20% internal (agents only); spread over the categories by topic. Published over the 2
 * years before 2026-12-01.
 */
export function kbArticles({ count, seed }) {
  const random = seededRandom(seed);
  const base = Date.UTC(2026, 11, 1);
  const articles = [];
  for (let i = 0; i < count; i++) {
    const category = KB_CATEGORIES[i % KB_CATEGORIES.length];
    const topic = TOPICS.find((t) => t.name === category.topic);
    const languages = random.weighted([[['en', 'zh'], 40], [['zh'], 30], [['en'], 30]]);
    const text = { titleEn: null, bodyEn: null, titleZhCn: null, bodyZhCn: null };
    for (const lang of languages) {
      const slots = slotsFor(random, lang);
      const title = fill(random.pick(TITLES[topic.name][lang]), slots);
      const body = articleBody(random, topic, lang, slots);
      if (lang === 'en') Object.assign(text, { titleEn: title, bodyEn: body });
      else Object.assign(text, { titleZhCn: title, bodyZhCn: body });
    }
    const status = random.chance(0.85) ? 'published' : 'draft';
    articles.push({
      id: articleIdOf(i),
      slug: `${category.slug}-${i}`,
      category: category.slug,
      status,
      audience: random.chance(0.8) ? 'public' : 'internal',
      ...text,
      at: new Date(base - random.int(0, 730 * 24 * 60) * MINUTE),
    });
  }
  return articles;
}

/**
 * What the new-issue form sends while a customer types a subject: the form waits for a pause of
 * 350 ms, so each subject gives a few prefixes, not one per key. Chinese is typed through an IME a
 * word at a time (2 to 4 characters per pause); English pauses at word ends and now and then in a
 * word. Prefixes under 2 characters or holding only stop words are never sent (the form and the
 * route refuse the first; the second finds nothing and costs no statement, so it is not load).
 */
export function suggestionTyping({ count, seed }) {
  const random = seededRandom(seed);
  const out = [];
  const meaningless = /^(how|what|when|where|why|my|the|i|please|can|is|do|does|a|an|请问|我的|我|怎么|为什么|如何|一下|请|没有|还|了)$/i;
  while (out.length < count) {
    const lang = random.chance(0.5) ? 'zh' : 'en';
    const topic = random.pick(TOPICS);
    const slots = slotsFor(random, lang);
    // Customers type their own subjects (TOPICS) more often than a help page's title.
    const subject = fill(random.chance(0.7) ? random.pick(topic[lang].subject) : random.pick(TITLES[topic.name][lang]), slots);
    const prefixes = [];
    if (lang === 'zh') {
      for (let end = random.int(2, 3); end < subject.length; end += random.int(2, 4)) prefixes.push(subject.slice(0, end));
      prefixes.push(subject);
    } else {
      const words = subject.split(' ');
      for (let w = 1; w <= words.length; w++) {
        const head = words.slice(0, w - 1).join(' ');
        const word = words[w - 1];
        if (word.length > 5 && random.chance(0.3)) prefixes.push(`${head ? `${head} ` : ''}${word.slice(0, random.int(3, word.length - 1))}`);
        prefixes.push(words.slice(0, w).join(' '));
      }
    }
    for (const q of prefixes) {
      const trimmed = q.trim();
      if (trimmed.length < 2 || trimmed.split(/\s+/).every((w) => meaningless.test(w))) continue;
      out.push({ q: trimmed, lang: lang === 'zh' ? 'zh-CN' : 'en' });
      if (out.length === count) break;
    }
  }
  return out;
}

/** New tickets asking standard questions: a help page's question as the subject (60%) or a customer's own, in both languages. */
export function botSubjects({ count, seed }) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const lang = random.chance(0.5) ? 'zh' : 'en';
    const category = random.pick(KB_CATEGORIES);
    const topic = TOPICS.find((t) => t.name === category.topic);
    const slots = slotsFor(random, lang);
    const subject = fill(random.chance(0.6) ? random.pick(TITLES[topic.name][lang]) : random.pick(topic[lang].subject), slots).slice(0, 200);
    return {
      lang: lang === 'zh' ? 'zh-CN' : 'en',
      subject: subject.length >= 3 ? subject : `${subject}？`,
      description: fill(random.pick(topic[lang].description), slots),
      name: lang === 'zh' ? `${random.pick(SURNAMES_ZH)}${random.pick(GIVEN_ZH)}` : `${random.pick(FIRST_EN)} ${random.pick(LAST_EN)}`,
    };
  });
}
