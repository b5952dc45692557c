terms = 1000
quarter = sum((-1) ** k / (2 * k + 1) for k in range(terms))
print(f"pi is about {4 * quarter:.4f}")
