import torch
from value import Value

# 数据：8 个点，y = 1.5·tanh(2x − 0.5) + 0.3 加一点噪声
torch.manual_seed(0)
xs = torch.linspace(-2, 2, 8, dtype=torch.float64)
ys = 1.5 * torch.tanh(2 * xs - 0.5) + 0.3 + 0.05 * torch.randn(8, dtype=torch.float64)
data = list(zip(xs.tolist(), ys.tolist()))

start = {"w1": 0.5, "b1": 0.0, "w2": 1.0, "b2": 0.0}
lr, steps = 0.3, 60


def loss_fn(p, data):
    """模型 ŷ = w2·tanh(w1·x + b1) + b2，损失是均方误差。Value 和张量都能用。"""
    total = 0.0
    for x, y in data:
        y_hat = p["w2"] * (p["w1"] * x + p["b1"]).tanh() + p["b2"]
        total = total + (y_hat - y) ** 2
    return total / len(data)


# 用自己的 Value 训练：每一步重新建图、反向、更新
params = dict(start)
for step in range(steps + 1):
    p = {name: Value(v) for name, v in params.items()}
    loss = loss_fn(p, data)
    if step % 10 == 0:
        print(f"Value   更新 {step:2} 次后  loss = {loss.data:.8f}")
    if step == steps:
        break
    loss.backward()
    params = {name: params[name] - lr * p[name].grad for name in params}

# 用 PyTorch 做同样的 60 步
p_t = {name: torch.tensor(v, dtype=torch.float64, requires_grad=True) for name, v in start.items()}
for step in range(steps):
    loss_t = loss_fn(p_t, data)
    loss_t.backward()
    with torch.no_grad():
        for v in p_t.values():
            v -= lr * v.grad
            v.grad.zero_()
print(f"PyTorch 更新 {steps} 次后  loss = {loss_fn(p_t, data).item():.8f}")

for name in params:
    diff = abs(params[name] - p_t[name].item())
    print(f"{name}：Value {params[name]:+.10f}，PyTorch {p_t[name].item():+.10f}，|差| = {diff:.12f}")
