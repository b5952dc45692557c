import math

from dual import Dual
from value import Value


def jacobian_forward(func, x):
    """前向模式：每遍沿一个坐标方向 e_j 前向算一次，得到 J 的第 j 列。"""
    columns, passes = [], 0
    for j in range(len(x)):
        outputs = func([Dual(xi, 1.0 if i == j else 0.0) for i, xi in enumerate(x)])
        passes += 1
        columns.append([o.dot for o in outputs])
    return [list(row) for row in zip(*columns)], passes


def jacobian_reverse(func, x):
    """反向模式：前向建一次图，每遍从第 i 个输出反向走一次，得到 J 的第 i 行。"""
    inputs = [Value(xi) for xi in x]
    outputs = func(inputs)
    rows, passes = [], 0
    for out in outputs:
        for node in out.order():  # 同一张图要反向多次：先把上一遍留下的梯度清零
            node.grad = 0.0
        out.backward()
        passes += 1
        rows.append([v.grad for v in inputs])
    stored = len({node for out in outputs for node in out.order()})  # 反向之前必须一直留着的节点
    return rows, passes, stored


def F(x):
    """F: ℝⁿ → ℝ，F(x) = log(e^{x_1} + … + e^{x_n})，输出只有一个。"""
    total = 0.0
    for xi in x:
        total = total + xi.exp()
    return [total.log()]


def make_G(n):
    """G: ℝ → ℝⁿ，G_k(t) = tanh(k·t/n)，k = 1, …, n，输入只有一个。"""
    return lambda t: [(t[0] * (k / n)).tanh() for k in range(1, n + 1)]


print("       求 ∇F（F: ℝⁿ → ℝ）   求 G′（G: ℝ → ℝⁿ）")
print("   n   前向遍数  反向遍数    前向遍数  反向遍数    反向模式为 F 存下的节点数")
worst = 0.0
for n in (1, 10, 100):
    x = [0.01 * i for i in range(n)]
    JF_fwd, F_fwd = jacobian_forward(F, x)
    JF_rev, F_rev, F_nodes = jacobian_reverse(F, x)
    JG_fwd, G_fwd = jacobian_forward(make_G(n), [0.3])
    JG_rev, G_rev, _ = jacobian_reverse(make_G(n), [0.3])
    print(f"{n:4}  {F_fwd:8}  {F_rev:8}    {G_fwd:8}  {G_rev:8}    {F_nodes:8}")
    # 两种模式给出同一个雅可比矩阵；∇F 还应等于 softmax(x)
    softmax = [math.exp(xi) / sum(math.exp(xj) for xj in x) for xi in x]
    column_fwd, column_rev = [row[0] for row in JG_fwd], [row[0] for row in JG_rev]
    pairs = [(JF_fwd[0], JF_rev[0]), (JF_rev[0], softmax), (column_fwd, column_rev)]
    worst = max([worst] + [abs(a - b) for u, w in pairs for a, b in zip(u, w)])
print(f"前向与反向两种模式的结果、∇F 与 softmax(x) 之间的最大差 < 1e-12：{worst < 1e-12}")
