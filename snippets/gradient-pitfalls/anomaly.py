import warnings

import torch


def model(x):
    y = torch.where(x > 0, torch.sqrt(x), 0.0)  # 上面那个只用了一次 where 的写法
    return (y * 3.0).exp().sum()


x = torch.tensor([0.0, 4.0], requires_grad=True)

# 不开检测：反向照常结束，NaN 悄悄进了 x.grad
model(x).backward()
print("不开检测：x.grad = [" + ", ".join(f"{g:.4f}" for g in x.grad.tolist()) + "]")

# 开检测：哪个运算的反向第一次算出 NaN，就在那里报错
x.grad = None
with warnings.catch_warnings(record=True) as caught:  # 检测模式会把前向时的调用栈作为警告打出来，这里收起来
    warnings.simplefilter("always")
    with torch.autograd.detect_anomaly():
        try:
            model(x).backward()
        except RuntimeError as err:
            print("开检测：", str(err).splitlines()[0])
for w in caught:
    print("警告：", str(w.message).splitlines()[0])
print("报错之后 x.grad =", x.grad)

# 也可以在整段代码里打开（例如训练脚本的开头），用完关掉
torch.autograd.set_detect_anomaly(True)
print("检测已打开：", torch.is_anomaly_enabled())
torch.autograd.set_detect_anomaly(False)
print("检测已关闭：", torch.is_anomaly_enabled())
