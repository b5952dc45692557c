import torch

# f(x, y) = (x + y) · x，拆成两个节点：a = x + y，f = a · x
x, y = 3.0, 4.0

# 前向：从输入到输出，记下每个节点的值
a = x + y
f = a * x
print(f"前向: a = x + y = {a},  f = a * x = {f}")

# 反向：从输出到输入，每个节点的梯度 = Σ 下游节点的梯度 × 局部导数
df_df = 1.0
df_da = df_df * x  # ∂(a·x)/∂a = x
df_dx_via_f = df_df * a  # f = a·x 中 x 的直接作用：∂(a·x)/∂x = a
df_dx_via_a = df_da * 1.0  # a = x + y：∂a/∂x = 1
df_dy = df_da * 1.0  # ∂a/∂y = 1
print(f"反向: ∂f/∂a = {df_da}")
print(f"      ∂f/∂x = {df_dx_via_a} (经过 a) + {df_dx_via_f} (直接) = {df_dx_via_a + df_dx_via_f}")
print(f"      ∂f/∂y = {df_dy}")

# autograd 做同样的事
xt = torch.tensor(x, requires_grad=True)
yt = torch.tensor(y, requires_grad=True)
ft = (xt + yt) * xt
ft.backward()
print(f"autograd: ∂f/∂x = {xt.grad.item()}, ∂f/∂y = {yt.grad.item()}")
