// The word queries of bench:search's mix (also profiled one by one by search-profile.mjs): 1-3 words as agents type them.
export const ZH_QUERIES = [
  '退款', '物流', '发票', '登录失败', '屏幕碎了', '验证码', '重复扣费', '无法开机', '退款 到账', '物流信息 没有更新', '发票抬头', '账号 锁定',
  '蓝牙', '优惠券', '收货地址', '自动续费', '充电很慢', '顺丰 签收', '保修期', '包装破损 划痕', '小米14 无法开机', '华为 屏幕碎了', '退款进度',
  '补发', '换货', '专用发票', '扣了两次', '快递员 电话', '恢复出厂设置', '取消订单',
];
export const EN_QUERIES = [
  'refund', 'tracking', 'invoice', 'password', 'cracked screen', 'verification code', 'charged twice', 'bluetooth', 'refund bank', 'parcel delivered',
  'company name invoice', 'account locked', 'coupon', 'delivery address', 'auto-renewal', 'charging slowly', 'warranty repair', 'box damaged scratched',
  'Pixel 8', 'Galaxy cracked screen', 'replacement', 'factory reset', 'missing charger', 'duplicate charge', 'cancel order', 'not received',
  'depot', 'itemised receipt', 'locked out', 'reissue invoice',
];
