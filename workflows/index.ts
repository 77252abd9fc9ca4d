// Every workflow the worker registers. Journey plugins add their workflow here (one line each).
export {};
