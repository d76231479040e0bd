// The labelled relevance set: 50 queries an agent would type (25 Chinese, 25 English), each with the
// one ticket it must find in the top 5.
//
// How it is made: the corpus generator plants each case's ticket among the noise at a fixed place
// (spread evenly over the corpus, in the bench agent's team). A planted ticket is an ordinary ticket
// of its topic (same templates, same number of messages as the slot it takes) with one distinctive
// but realistic detail a customer or an agent wrote: in a message body (most), the subject, the
// description or an internal note, or it belongs to a customer with a distinctive name, email or
// phone. The query is what an agent remembers of it: a sub-phrase, the words reordered or a short
// paraphrase with the same words (Chinese written without spaces or with them), the ticket's code
// (whole, or its six characters in lower case), the customer's email or its local part, the phone
// number as typed with or without spaces, the customer's name. The noise vocabulary
// (search-corpus.vocabulary.mjs) does not contain the distinctive words, so the expected ticket is
// the one ticket holding all the query's words; test/integration/search-relevance.suite.ts checks
// that on its corpus.

/** @typedef {{ id: string, lang: 'zh' | 'en', kind: 'phrase' | 'code' | 'email' | 'phone' | 'name', topic: string, where: 'message' | 'subject' | 'description' | 'internal' | 'customer', text?: string, customer?: { name: string, email: string, phone: string | null }, query: string | ((ticket: { code: string }) => string) }} RelevanceCase */

/** @type {RelevanceCase[]} */
export const RELEVANCE_CASES = [
  // --- Chinese: phrases from messages, subjects and descriptions
  { id: 'zh-01', lang: 'zh', kind: 'phrase', topic: 'delivery', where: 'message', text: '快递员把包裹放进了小区东门的快递柜，但是取件码一直显示无效。', query: '取件码无效' },
  { id: 'zh-02', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '我家猫把充电线咬断了，能不能单独买一根原装充电线？', query: '猫咬断充电线' },
  { id: 'zh-03', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '在三亚度假的时候手机掉进海里了，进水以后就无法开机。', query: '手机掉进海里' },
  { id: 'zh-04', lang: 'zh', kind: 'phrase', topic: 'invoice', where: 'message', text: '发票上的纳税人识别号少了一位数字，财务没法报销。', query: '纳税人识别号' },
  { id: 'zh-05', lang: 'zh', kind: 'phrase', topic: 'delivery', where: 'subject', text: '婚礼前一天必须收到礼服', query: '婚礼 礼服' },
  { id: 'zh-06', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '扫地机器人总是卡在沙发底下，昨天还撞倒了花瓶。', query: '撞倒花瓶' },
  { id: 'zh-07', lang: 'zh', kind: 'phrase', topic: 'damaged', where: 'description', text: '空气炸锅第一次使用就冒黑烟，还有很重的塑料味。', query: '冒黑烟 塑料味' },
  { id: 'zh-08', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '冰箱冷藏室结冰了，里面的蔬菜都冻坏了。', query: '冷藏室结冰' },
  { id: 'zh-09', lang: 'zh', kind: 'phrase', topic: 'login', where: 'message', text: '我在海外出差，国内手机号收不到短信验证码。', query: '海外出差 验证码' },
  { id: 'zh-10', lang: 'zh', kind: 'phrase', topic: 'order', where: 'message', text: '优惠券在结算页面消失了，满减也没有生效。', query: '满减没有生效' },
  { id: 'zh-11', lang: 'zh', kind: 'phrase', topic: 'device', where: 'description', text: '无人机飞到湖面上空时突然失去图传信号。', query: '无人机 图传信号' },
  { id: 'zh-12', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '耳机开启降噪以后左耳有滋滋的电流声。', query: '左耳电流声' },
  { id: 'zh-13', lang: 'zh', kind: 'phrase', topic: 'billing', where: 'description', text: '孩子用我的账号在游戏里充值了648元，想申请退款。', query: '孩子 游戏充值' },
  { id: 'zh-14', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '空调外机装在阳台上噪音太大，邻居已经投诉了。', query: '外机噪音 邻居投诉' },
  { id: 'zh-15', lang: 'zh', kind: 'phrase', topic: 'damaged', where: 'subject', text: '手表表带断裂，保修期内能免费更换吗', query: '表带断裂' },
  { id: 'zh-16', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '电子书阅读器的屏幕出现一条竖线，看书很受影响。', query: '屏幕竖线' },
  { id: 'zh-17', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '豆浆机打浆的时候有焦糊味，底部还粘锅。', query: '豆浆机 焦糊味' },
  { id: 'zh-18', lang: 'zh', kind: 'phrase', topic: 'order', where: 'message', text: '订单地址写成了旧公司，想改到浦东新区张江路。', query: '张江路' },
  { id: 'zh-19', lang: 'zh', kind: 'phrase', topic: 'invoice', where: 'internal', text: '电子发票邮箱填错了，发到了客户同事的邮箱，已让财务作废重开。', query: '电子发票 同事邮箱' },
  { id: 'zh-20', lang: 'zh', kind: 'phrase', topic: 'device', where: 'message', text: '笔记本键盘有几个按键失灵，尤其是回车键。', query: '回车键失灵' },
  // --- Chinese: codes, contacts, names (the tickets are Chinese ones)
  { id: 'zh-21', lang: 'zh', kind: 'code', topic: 'refund', where: 'customer', query: (t) => t.code },
  { id: 'zh-22', lang: 'zh', kind: 'code', topic: 'delivery', where: 'customer', query: (t) => t.code.slice(3).toLowerCase() },
  { id: 'zh-23', lang: 'zh', kind: 'email', topic: 'billing', where: 'customer', customer: { name: '王晓明', email: 'wang.xiaoming1987@163.com', phone: null }, query: 'wang.xiaoming1987' },
  { id: 'zh-24', lang: 'zh', kind: 'phone', topic: 'login', where: 'customer', customer: { name: '陈思远', email: 'siyuan.chen.sz@qq.com', phone: '+86 139 2846 5170' }, query: '13928465170' },
  { id: 'zh-25', lang: 'zh', kind: 'name', topic: 'damaged', where: 'customer', customer: { name: '诸葛晓楠', email: 'xiaonan.zg@foxmail.com', phone: null }, query: '诸葛晓楠' },
  // --- English: phrases from messages, subjects and descriptions
  { id: 'en-01', lang: 'en', kind: 'phrase', topic: 'delivery', where: 'message', text: 'The courier left my parcel with the neighbour at number 42, who is away on holiday.', query: 'neighbour away on holiday' },
  { id: 'en-02', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'Our puppy chewed through the charging cable. Can I buy a genuine cable on its own?', query: 'puppy chewed cable' },
  { id: 'en-03', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'My phone fell into the swimming pool on holiday and now it will not switch on.', query: 'phone fell into swimming pool' },
  { id: 'en-04', lang: 'en', kind: 'phrase', topic: 'invoice', where: 'message', text: 'The VAT number printed on the invoice is missing a digit, so accounts will not accept it.', query: 'VAT number missing digit' },
  { id: 'en-05', lang: 'en', kind: 'phrase', topic: 'delivery', where: 'subject', text: 'Suit needed before my sister\'s wedding on Saturday', query: 'wedding suit' },
  { id: 'en-06', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'The robot vacuum keeps getting stuck under the sofa and yesterday it knocked over a vase.', query: 'knocked over a vase' },
  { id: 'en-07', lang: 'en', kind: 'phrase', topic: 'damaged', where: 'description', text: 'On first use the air fryer gave off black smoke and a strong burning plastic smell.', query: 'air fryer black smoke' },
  { id: 'en-08', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'Ice keeps building up in the fridge compartment and it froze all my vegetables.', query: 'froze vegetables' },
  { id: 'en-09', lang: 'en', kind: 'phrase', topic: 'login', where: 'message', text: 'I am travelling in Japan and my UK number does not receive the text with the code.', query: 'travelling in Japan code' },
  { id: 'en-10', lang: 'en', kind: 'phrase', topic: 'order', where: 'message', text: 'The discount vanished from my basket at the checkout step.', query: 'discount vanished checkout' },
  { id: 'en-11', lang: 'en', kind: 'phrase', topic: 'device', where: 'description', text: 'The drone lost its video feed while flying over the lake.', query: 'drone video feed' },
  { id: 'en-12', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'There is a crackling sound in the left earbud whenever noise cancelling is on.', query: 'crackling left earbud' },
  { id: 'en-13', lang: 'en', kind: 'phrase', topic: 'billing', where: 'description', text: 'My son made in-game purchases of 99.99 on my account without asking.', query: 'son in-game purchases' },
  { id: 'en-14', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'The neighbours complained that the outdoor unit of the air conditioner is too loud at night.', query: 'outdoor unit too loud' },
  { id: 'en-15', lang: 'en', kind: 'phrase', topic: 'damaged', where: 'subject', text: 'Watch strap snapped after two weeks', query: 'strap snapped' },
  { id: 'en-16', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'A thin vertical line appeared across the e-reader screen.', query: 'vertical line e-reader' },
  { id: 'en-17', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'The soup maker smells scorched and the base is caked in burnt residue.', query: 'soup maker scorched' },
  { id: 'en-18', lang: 'en', kind: 'phrase', topic: 'order', where: 'message', text: 'Please change the delivery address to 221B Baker Street, my new flat.', query: 'Baker Street' },
  { id: 'en-19', lang: 'en', kind: 'phrase', topic: 'invoice', where: 'internal', text: 'The e-invoice went to a colleague\'s mailbox by mistake; finance voided it and sent a new one.', query: 'e-invoice colleague mailbox' },
  { id: 'en-20', lang: 'en', kind: 'phrase', topic: 'device', where: 'message', text: 'Several keys on the laptop keyboard stopped working, the Enter key and the space bar worst of all.', query: 'enter key space bar' },
  // --- English: codes, contacts, names
  { id: 'en-21', lang: 'en', kind: 'code', topic: 'refund', where: 'customer', query: (t) => t.code },
  { id: 'en-22', lang: 'en', kind: 'code', topic: 'order', where: 'customer', query: (t) => t.code.slice(3).toLowerCase() },
  { id: 'en-23', lang: 'en', kind: 'email', topic: 'billing', where: 'customer', customer: { name: 'Rosalind Pemberton', email: 'rosalind.pemberton@outlook.com', phone: null }, query: 'rosalind.pemberton@outlook.com' },
  { id: 'en-24', lang: 'en', kind: 'phone', topic: 'login', where: 'customer', customer: { name: 'Callum Fitzgerald', email: 'callum.fitz@gmail.com', phone: '+44 7700 900123' }, query: '7700 900123' },
  { id: 'en-25', lang: 'en', kind: 'name', topic: 'damaged', where: 'customer', customer: { name: 'Bartholomew Fairweather', email: 'b.fairweather@icloud.com', phone: null }, query: 'Bartholomew Fairweather' },
];
