import math

# ∫₀¹ eˣ dx = e - 1，用 n = 100 的梯形法则近似
n = 100
dx = 1 / n
inner = sum(math.exp(i * dx) for i in range(1, n))
approx = dx / 2 * (math.exp(0) + 2 * inner + math.exp(1))
exact = math.e - 1
print(f"梯形法则 {approx:.8f}")
print(f"精确值   {exact:.8f}")
print(f"误差     {approx - exact:.2e}")
