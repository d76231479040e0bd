import { KNOWLEDGE_BASE_LIMITS, renderArticleMarkdown, type ArticleAudience } from '@firsthand/domain';
import type { ArticleStore } from '@firsthand/persistence';

interface DemoArticle {
  slug: string;
  category: 'refunds' | 'orders-delivery' | 'account';
  audience?: ArticleAudience;
  en?: [title: string, body: string];
  zh?: [title: string, body: string];
}

const CATEGORIES = [
  { slug: 'refunds', nameEn: 'Refunds', nameZhCn: '退款', botMayAnswer: true, position: 1 },
  { slug: 'orders-delivery', nameEn: 'Orders & delivery', nameZhCn: '订单与配送', botMayAnswer: true, position: 2 },
  { slug: 'account', nameEn: 'Account', nameZhCn: '账户', botMayAnswer: false, position: 3 },
] as const;

const ARTICLES: DemoArticle[] = [
  {
    slug: 'how-to-request-a-refund',
    category: 'refunds',
    en: ['How to request a refund', 'You can ask for a refund within **30 days** of delivery.\n\n1. Open **My orders** and pick the order.\n2. Choose **Request a refund** and say why.\n3. Send the item back with the return label we email you.\n\nThe refund goes to the card or account you paid with.'],
    zh: ['如何申请退款', '签收后 **30 天**内可以申请退款。\n\n1. 打开**我的订单**，选择要退款的订单。\n2. 点击**申请退款**并填写原因。\n3. 用我们通过邮件发送的退货单寄回商品。\n\n退款会原路退回到您付款的银行卡或账户。'],
  },
  {
    slug: 'when-will-my-refund-arrive',
    category: 'refunds',
    en: ['When will my refund arrive?', 'Once the returned item reaches our warehouse we issue the refund within 1 working day. Banks usually credit it within **3-5 working days**; credit cards can take up to 10.'],
    zh: ['退款多久到账？', '退回的商品到达仓库后，我们会在 1 个工作日内发起退款。银行通常 **3-5 个工作日**到账，信用卡最长可能需要 10 个工作日。'],
  },
  {
    slug: 'where-is-my-order',
    category: 'orders-delivery',
    en: ['Where is my order?', 'Open **My orders** to see the courier and the tracking number. Orders leave our warehouse within 24 hours; most arrive in 2-4 days.'],
    zh: ['我的订单到哪里了？', '在**我的订单**中可以查看快递公司和运单号。订单会在 24 小时内出库，大多数 2-4 天送达。'],
  },
  {
    slug: 'change-delivery-address',
    category: 'orders-delivery',
    en: ['Changing the delivery address', 'You can change the address until the order leaves the warehouse: **My orders → Change address**. After that, ask the courier to redirect it.'],
    zh: ['修改收货地址', '订单出库前可以在**我的订单 → 修改地址**中修改。出库后请联系快递公司改派。'],
  },
  {
    slug: 'damaged-item',
    category: 'orders-delivery',
    zh: ['收到的商品有损坏', '请在签收后 48 小时内拍照并提交问题，我们会为您补发或退款。'],
  },
  {
    slug: 'reset-your-password',
    category: 'account',
    en: ['Reset your password', 'Choose **Forgot password** on the sign-in page; we email a link that works for one hour. No email? Check the spam folder.'],
    zh: ['重置密码', '在登录页点击**忘记密码**，我们会发送一个 1 小时内有效的链接到您的邮箱。没收到？请检查垃圾邮件。'],
  },
  {
    slug: 'refund-exceptions-for-agents',
    category: 'refunds',
    audience: 'internal',
    en: ['Refund exceptions (agents only)', 'A senior may approve a refund after 30 days for VIP customers or when the courier lost the parcel. Note the reason in the ticket.'],
    zh: ['退款例外处理（仅限客服）', 'VIP 客户或快递丢件时，组长可以批准超过 30 天的退款。请在工单中注明原因。'],
  },
];

/** A small bilingual help center: three categories, six public articles and one for agents only. */
export async function seedDemoHelpCenter(store: ArticleStore, authorId: string): Promise<void> {
  const ids = new Map<string, string>();
  for (const c of CATEGORIES) {
    const saved = await store.createCategory({ ...c }, KNOWLEDGE_BASE_LIMITS.categoriesMax);
    if (typeof saved !== 'string') ids.set(c.slug, saved.id);
  }
  for (const a of ARTICLES) {
    const categoryId = ids.get(a.category);
    if (!categoryId) continue;
    await store.create(
      {
        slug: a.slug,
        categoryId,
        status: 'published',
        audience: a.audience ?? 'public',
        titleEn: a.en?.[0] ?? null,
        bodyEn: a.en?.[1] ?? null,
        htmlEn: a.en ? renderArticleMarkdown(a.en[1]) : null,
        titleZhCn: a.zh?.[0] ?? null,
        bodyZhCn: a.zh?.[1] ?? null,
        htmlZhCn: a.zh ? renderArticleMarkdown(a.zh[1]) : null,
      },
      authorId,
    );
  }
}
