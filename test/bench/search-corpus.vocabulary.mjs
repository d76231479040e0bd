// The helpdesk vocabulary the search corpus is written from: what customers of an electronics and
// home-appliance shop write about, in Chinese and English, and what agents answer. Slots in braces
// ({product}, {order}, ...) are filled per ticket. Nothing here may contain the distinctive details
// of the labelled relevance set (search-relevance.set.mjs): those must stay rare in the noise.

export const PRODUCTS = {
  zh: [
    '华为 Mate 60 Pro', '小米14', 'iPhone 15', '荣耀Magic6', 'OPPO Find X7', 'vivo X100', '联想小新Pro 16', '戴尔灵越笔记本', 'iPad Air',
    '华为手环8', '小米扫地机器人', '美的电饭煲', '索尼降噪耳机', 'AirPods Pro', '九阳破壁机', '格力空调', '海尔冰箱', '大疆云台',
    '小米电视', '罗技鼠标', '飞利浦电动牙刷', '美的洗碗机', '西门子洗衣机', '佳能打印机',
  ],
  en: [
    'Galaxy S24', 'iPhone 15', 'Pixel 8', 'MacBook Air', 'ThinkPad X1', 'Dell XPS 13', 'iPad Air', 'Fitbit Charge 6', 'Roomba i7',
    'Instant Pot', 'Sony headphones', 'AirPods Pro', 'Ninja blender', 'Dyson V15', 'LG fridge', 'Bosch washing machine', 'Kindle Paperwhite',
    'Nintendo Switch', 'Logitech mouse', 'Philips Sonicare', 'HP printer', 'Canon camera', 'Samsung TV', 'Garmin Forerunner',
  ],
};

export const COURIERS = { zh: ['顺丰', '京东物流', '中通快递', '圆通速递', '韵达快递', '邮政EMS'], en: ['DHL', 'UPS', 'FedEx', 'Royal Mail', 'DPD', 'USPS'] };
export const CITIES = {
  zh: ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京', '西安', '重庆', '苏州', '天津'],
  en: ['London', 'Manchester', 'Leeds', 'Bristol', 'Toronto', 'Sydney', 'Dublin', 'Chicago', 'Seattle', 'Boston', 'Denver', 'Austin'],
};
export const APPS = { zh: ['手机App', '小程序', '官网', '会员中心'], en: ['mobile app', 'website', 'account page', 'web shop'] };

export const SURNAMES_ZH = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
export const GIVEN_ZH = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '晨', '浩然', '子涵', '欣怡', '宇航', '梓萱'];
/** Pinyin of the same names, for email addresses. */
export const SURNAMES_PINYIN = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'lin', 'luo', 'gao'];
export const GIVEN_PINYIN = ['wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'juan', 'tao', 'ming', 'chao', 'xiuying', 'xia', 'ping', 'gang', 'guiying', 'chen', 'haoran', 'zihan', 'xinyi', 'yuhang', 'zixuan'];
export const FIRST_EN = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Susan', 'Richard', 'Jessica', 'Joseph', 'Sarah', 'Thomas', 'Karen', 'Daniel', 'Emily', 'Oliver', 'Amelia', 'Harry', 'Sophie'];
export const LAST_EN = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clark', 'Lewis', 'Walker', 'Hall', 'Allen', 'Young', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill'];
export const MAIL_DOMAINS = { zh: ['qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'aliyun.com'], en: ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'hotmail.co.uk', 'proton.me'] };

/**
 * Topics: what a ticket is about. Each has subjects, an opening description, what the customer
 * writes later and what agents answer, in both languages.
 */
export const TOPICS = [
  {
    name: 'refund',
    zh: {
      subject: ['订单{order}申请退款', '退款{amount}元还没到账', '申请退款，商品不想要了', '退款进度查询'],
      description: ['我在{date}买的{product}，订单号{order}，已经申请退款一周了，钱还没退回来。', '{product}退货已经寄回去了，{courier}显示仓库签收，但是退款一直没有处理。', '请帮我取消订单{order}并退款{amount}元，谢谢。'],
      customer: ['请问退款什么时候能到账？', '银行卡还是没有收到退款。', '已经过去七天了，退款进度怎么查？', '退款金额不对，少退了{amount}元。'],
      agent: ['您好，退款已经提交财务审核，预计3到5个工作日原路退回。', '已为您加急处理退款，请留意银行短信通知。', '仓库已确认收到退货，退款{amount}元今天会原路退回。'],
    },
    en: {
      subject: ['Refund for order {order}', 'Refund of {amount} not received', 'Where is my refund?', 'Requesting a refund for my {product}'],
      description: ['I returned my {product} on {date} (order {order}) and I still have not received my refund.', 'The {courier} tracking shows the return was delivered to your warehouse, but no refund yet.', 'Please cancel order {order} and refund the {amount} I paid.'],
      customer: ['Any update on the refund?', 'My bank still shows nothing.', 'It has been a week now, when will the money be back?', 'The refund was {amount} short.'],
      agent: ['The refund has been approved and should reach your card within 3 to 5 working days.', 'I have escalated the refund to our finance team and will update you tomorrow.', 'The warehouse confirmed your return, so I have issued the refund of {amount} today.'],
    },
  },
  {
    name: 'delivery',
    zh: {
      subject: ['物流三天没有更新', '{courier}显示已签收但我没收到', '订单{order}什么时候发货', '快递一直在{city}中转'],
      description: ['我买的{product}，订单号{order}，物流信息三天没有更新了。', '{courier}显示已经签收，但我家里没人收到包裹。', '下单五天了还没有发货，请问什么时候能发？'],
      customer: ['物流还是没有动静。', '快递员电话打不通。', '能不能帮我催一下{courier}？', '包裹还在{city}转运中心。'],
      agent: ['已经联系{courier}核实，包裹预计明天送达。', '很抱歉让您久等，我们已为您补发，新的运单号稍后短信通知。', '仓库今天已经发货，运单号是{tracking}。'],
    },
    en: {
      subject: ['Parcel tracking not updated for three days', 'Order {order} marked delivered but not received', 'When will order {order} ship?', 'Package stuck in {city}'],
      description: ['My {product} (order {order}) has not moved in the {courier} tracking for three days.', '{courier} says the parcel was delivered but nothing arrived at my door.', 'I ordered five days ago and it still has not shipped.'],
      customer: ['Still no movement on the tracking.', 'The driver does not answer the phone.', 'Could you chase {courier} for me?', 'It is still at the {city} depot.'],
      agent: ['I have contacted {courier} and the parcel should arrive tomorrow.', 'Sorry for the wait: we are sending a replacement and will text you the new tracking number.', 'Your order left our warehouse today, tracking number {tracking}.'],
    },
  },
  {
    name: 'invoice',
    zh: {
      subject: ['发票抬头开错了', '需要开具增值税专用发票', '订单{order}的发票在哪里下载', '发票金额不对'],
      description: ['订单{order}的发票抬头写错了，需要改成公司名称。', '公司报销需要增值税专用发票，请帮忙开具。', '在{app}里找不到发票下载入口。'],
      customer: ['发票什么时候能重新开？', '税号我已经发过来了。', '请把发票寄到{city}的公司地址。'],
      agent: ['发票已经重新开具，请在{app}的订单详情里下载。', '专票需要您提供公司税号和开户行信息。', '纸质发票会通过{courier}寄出，请注意查收。'],
    },
    en: {
      subject: ['Wrong company name on my invoice', 'Need an itemised receipt for order {order}', 'Where can I download my invoice?', 'Invoice amount is wrong'],
      description: ['The invoice for order {order} has the wrong company name on it.', 'I need an itemised receipt for my expenses.', 'I cannot find the invoice in the {app}.'],
      customer: ['When can you reissue the invoice?', 'I have sent over the company details.', 'Please post it to our office in {city}.'],
      agent: ['I have reissued the invoice; you can download it from the order page in the {app}.', 'Could you send me the company name and address exactly as they should appear?', 'A paper copy is on its way by {courier}.'],
    },
  },
  {
    name: 'login',
    zh: {
      subject: ['登录失败，提示密码错误', '收不到短信验证码', '账号被锁定了', '{app}无法登录'],
      description: ['今天登录{app}一直提示密码错误，重置密码也没用。', '手机收不到验证码，试了好几次都不行。', '账号因为多次输错密码被锁定了，请帮忙解锁。'],
      customer: ['还是登录失败。', '验证码还是没收到。', '换了手机号以后就登不上了。'],
      agent: ['已为您解锁账号，请用新密码重新登录。', '请检查手机是否拦截了短信，我们已重新发送验证码。', '建议清除{app}缓存后再试一次。'],
    },
    en: {
      subject: ['Cannot log in, password rejected', 'Not receiving the verification code', 'Account locked', 'Login failed on the {app}'],
      description: ['The {app} keeps saying my password is wrong even after a reset.', 'I never get the verification code by text message.', 'My account got locked after too many attempts.'],
      customer: ['Still cannot log in.', 'The code still has not arrived.', 'I changed my phone number and now I am locked out.'],
      agent: ['I have unlocked your account; please sign in with a new password.', 'Please check your spam filter for messages; I have sent a new code.', 'Clearing the {app} cache usually fixes this, could you try that?'],
    },
  },
  {
    name: 'damaged',
    zh: {
      subject: ['收到的{product}屏幕碎了', '外包装破损，商品有划痕', '收到的商品少了配件', '{product}到货就是坏的'],
      description: ['刚收到的{product}屏幕碎了，外箱也压扁了，订单号{order}。', '包装破损，机身有明显划痕，要求换货。', '打开盒子发现少了充电器。'],
      customer: ['照片已经上传了。', '可以直接换一台新的吗？', '快递员说是运输途中压坏的。'],
      agent: ['非常抱歉，我们会为您免费换新，请保留原包装。', '已安排{courier}上门取件，新机同步发出。', '缺少的配件今天补发给您。'],
    },
    en: {
      subject: ['{product} arrived with a cracked screen', 'Box damaged and item scratched', 'Missing accessories in my order', '{product} dead on arrival'],
      description: ['My {product} arrived today with a cracked screen and a crushed box (order {order}).', 'The packaging was torn and the device is scratched; I would like an exchange.', 'The charger was missing from the box.'],
      customer: ['I have uploaded the photos.', 'Can you just send a new one?', 'The driver said it was damaged in transit.'],
      agent: ['I am sorry about that; we will replace it free of charge, please keep the original box.', 'A {courier} collection is booked and the replacement ships at the same time.', 'The missing accessory is on its way today.'],
    },
  },
  {
    name: 'billing',
    zh: {
      subject: ['重复扣费', '会员自动续费了', '信用卡被扣了两次', '订单{order}多扣了{amount}元'],
      description: ['同一个订单{order}被扣了两次钱，一共{amount}元。', '我没有开通自动续费，但是会员费被扣了。', '支付失败了但是钱已经扣了。'],
      customer: ['银行账单截图发给你们了。', '请取消自动续费。', '多扣的钱什么时候退？'],
      agent: ['核实到重复扣款，多扣的{amount}元会在3个工作日内退回。', '已为您关闭自动续费，本期费用已退回。', '支付失败的款项会由银行自动退回，一般需要1到7天。'],
    },
    en: {
      subject: ['Charged twice', 'Membership renewed without asking', 'Double charge on my credit card', 'Overcharged {amount} on order {order}'],
      description: ['I was charged twice for order {order}, {amount} in total.', 'My membership renewed automatically although I never turned that on.', 'The payment failed but the money left my account.'],
      customer: ['I have attached the bank statement.', 'Please switch off the auto-renewal.', 'When will I get the extra charge back?'],
      agent: ['I can see the duplicate charge and have refunded {amount}; allow 3 working days.', 'Auto-renewal is now off and this period has been refunded.', 'Failed payments are returned by your bank automatically, usually within a week.'],
    },
  },
  {
    name: 'device',
    zh: {
      subject: ['{product}无法开机', '{product}充电很慢', '蓝牙连接不上', '{product}频繁死机'],
      description: ['{product}用了两个月，突然无法开机，长按电源键也没反应。', '充电一晚上只充到百分之五十。', '{product}蓝牙连不上手机，重启也没用。'],
      customer: ['按照你们说的方法试过了，还是不行。', '系统已经升级到最新版本。', '在保修期内吗？'],
      agent: ['请尝试长按电源键15秒强制重启。', '您的设备在保修期内，可以寄回{city}维修中心免费检测。', '建议先恢复出厂设置，如仍有问题我们安排维修。'],
    },
    en: {
      subject: ['{product} will not turn on', '{product} charging very slowly', 'Bluetooth will not connect', '{product} keeps freezing'],
      description: ['My {product} is two months old and suddenly will not power on.', 'It charges to only fifty percent overnight.', 'The {product} will not pair over Bluetooth, even after a restart.'],
      customer: ['I tried what you suggested, no luck.', 'The software is up to date.', 'Is it still under warranty?'],
      agent: ['Please hold the power button for 15 seconds to force a restart.', 'It is under warranty: you can send it to our {city} repair centre for a free check.', 'Please try a factory reset; if that fails we will arrange a repair.'],
    },
  },
  {
    name: 'order',
    zh: {
      subject: ['修改收货地址', '取消订单{order}', '优惠券用不了', '能不能改颜色'],
      description: ['订单{order}的收货地址写错了，要改到{city}。', '下错单了，请帮我取消订单{order}。', '结算时优惠券显示不可用。'],
      customer: ['新地址已经发在上面了。', '还没发货吧？', '优惠券明明还在有效期内。'],
      agent: ['地址已经修改成功，会按新地址发货。', '订单已取消，款项原路退回。', '该优惠券仅限指定商品使用，我给您补发了一张通用券。'],
    },
    en: {
      subject: ['Change my delivery address', 'Cancel order {order}', 'Coupon not working', 'Can I change the colour?'],
      description: ['I put the wrong delivery address on order {order}; it should go to {city}.', 'I ordered by mistake, please cancel order {order}.', 'The coupon says it is not valid for my basket.'],
      customer: ['The new address is in my first message.', 'Has it shipped yet?', 'The coupon has not expired.'],
      agent: ['The address is updated and the order will ship there.', 'Your order is cancelled and the payment is on its way back.', 'That coupon is for selected items only, so I have added a store credit instead.'],
    },
  },
];

export const GENERAL = {
  zh: {
    customer: ['好的，谢谢。', '麻烦尽快处理。', '我等你们的消息。', '问题已经解决了，谢谢！', '还有其他需要我提供的吗？'],
    agent: ['您好，我们正在处理，请耐心等待。', '感谢您的耐心，如有其他问题随时联系我们。', '请问问题解决了吗？', '已记录您的反馈，会尽快回复您。'],
    internal: ['已和仓库确认，明天跟进。', '客户情绪比较急，优先处理。', '需要主管审批退款。', '已经转给技术支持同事。'],
  },
  en: {
    customer: ['OK, thanks.', 'Please sort this out quickly.', 'I will wait to hear from you.', 'That fixed it, thank you!', 'Do you need anything else from me?'],
    agent: ['We are looking into it and will get back to you shortly.', 'Thanks for your patience; let us know if there is anything else.', 'Did that solve the problem?', 'I have noted your feedback and will update you soon.'],
    internal: ['Checked with the warehouse, follow up tomorrow.', 'Customer is upset, handle first.', 'Needs a supervisor to approve the refund.', 'Passed to the technical support team.'],
  },
};
