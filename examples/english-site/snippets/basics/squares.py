import matplotlib.pyplot as plt

xs = list(range(6))
plt.plot(xs, [x * x for x in xs], "o-")
plt.xlabel("x")
plt.ylabel("x squared")
print(f"drew {len(xs)} points")
