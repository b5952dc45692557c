import torch

# z = f(u, v) = u² v，u = x + y，v = x y，在 (x, y) = (1, 2) 处
x0, y0 = 1.0, 2.0
u0, v0 = x0 + y0, x0 * y0
dz_du, dz_dv = 2 * u0 * v0, u0**2  # 外层函数的偏导数
du_dx, du_dy = 1.0, 1.0  # u = x + y
dv_dx, dv_dy = y0, x0  # v = x y

print(f"u = {u0}, v = {v0}, ∂z/∂u = {dz_du}, ∂z/∂v = {dz_dv}")
print(f"链式法则 ∂z/∂x = {dz_du} * {du_dx} + {dz_dv} * {dv_dx} = {dz_du * du_dx + dz_dv * dv_dx}")
print(f"链式法则 ∂z/∂y = {dz_du} * {du_dy} + {dz_dv} * {dv_dy} = {dz_du * du_dy + dz_dv * dv_dy}")

x = torch.tensor(x0, requires_grad=True)
y = torch.tensor(y0, requires_grad=True)
u, v = x + y, x * y
z = u**2 * v
z.backward()
print(f"autograd ∂z/∂x = {x.grad.item()}, ∂z/∂y = {y.grad.item()}")
