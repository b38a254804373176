// SPDX-License-Identifier: Apache-2.0
/*
 * The VMA tree of an mm: an AVL tree keyed by vm_start (vm_left, vm_right,
 * vm_parent, vm_rb_height of struct vm_area_struct), plus the address-order
 * list mm->mmap_list that for_each_vma() walks. VMAs never overlap, so
 * ordering by vm_start orders them by vm_end too, and find_vma() (the first
 * VMA ending above an address) is one descent: O(log n) in the number of
 * VMAs. Pure computation on the structures: the host test runs it natively.
 */
#include "mm_env.h"

static int height(const struct vm_area_struct *v)
{
	return v ? v->vm_rb_height : 0;
}

static void update_height(struct vm_area_struct *v)
{
	int l = height(v->vm_left), r = height(v->vm_right);

	v->vm_rb_height = (l > r ? l : r) + 1;
}

/* Make @child take @old's place under @old's parent (or as the root). */
static void replace_child(struct mm_struct *mm, struct vm_area_struct *old,
			  struct vm_area_struct *child)
{
	struct vm_area_struct *p = old->vm_parent;

	if (child)
		child->vm_parent = p;
	if (!p)
		mm->mm_rb = child;
	else if (p->vm_left == old)
		p->vm_left = child;
	else
		p->vm_right = child;
}

static struct vm_area_struct *rotate_left(struct mm_struct *mm, struct vm_area_struct *x)
{
	struct vm_area_struct *y = x->vm_right;

	replace_child(mm, x, y);
	x->vm_right = y->vm_left;
	if (y->vm_left)
		y->vm_left->vm_parent = x;
	y->vm_left = x;
	x->vm_parent = y;
	update_height(x);
	update_height(y);
	return y;
}

static struct vm_area_struct *rotate_right(struct mm_struct *mm, struct vm_area_struct *x)
{
	struct vm_area_struct *y = x->vm_left;

	replace_child(mm, x, y);
	x->vm_left = y->vm_right;
	if (y->vm_right)
		y->vm_right->vm_parent = x;
	y->vm_right = x;
	x->vm_parent = y;
	update_height(x);
	update_height(y);
	return y;
}

/* Restore heights and balance from @v up to the root. */
static void rebalance(struct mm_struct *mm, struct vm_area_struct *v)
{
	while (v) {
		int bal;

		update_height(v);
		bal = height(v->vm_left) - height(v->vm_right);
		if (bal > 1) {
			if (height(v->vm_left->vm_left) < height(v->vm_left->vm_right))
				rotate_left(mm, v->vm_left);
			v = rotate_right(mm, v);
		} else if (bal < -1) {
			if (height(v->vm_right->vm_right) < height(v->vm_right->vm_left))
				rotate_right(mm, v->vm_right);
			v = rotate_left(mm, v);
		}
		v = v->vm_parent;
	}
}

void vma_tree_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct **link = &mm->mm_rb, *parent = NULL, *prev = NULL;

	while (*link) {
		parent = *link;
		if (vma->vm_start < parent->vm_start) {
			link = &parent->vm_left;
		} else {
			prev = parent;
			link = &parent->vm_right;
		}
	}
	vma->vm_parent = parent;
	vma->vm_left = vma->vm_right = NULL;
	vma->vm_rb_height = 1;
	*link = vma;
	/* In the list right after the last VMA that starts below it. */
	if (prev)
		list_add(&vma->vm_list, &prev->vm_list);
	else
		list_add(&vma->vm_list, &mm->mmap_list);
	vma->vm_mm = mm;
	mm->map_count++;
	rebalance(mm, parent);
}

void vma_tree_remove(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *fix;

	if (vma->vm_left && vma->vm_right) {
		/* Swap in the successor: the leftmost of the right subtree. */
		struct vm_area_struct *s = vma->vm_right;

		while (s->vm_left)
			s = s->vm_left;
		if (s->vm_parent == vma) {
			fix = s;
		} else {
			fix = s->vm_parent;
			fix->vm_left = s->vm_right;
			if (s->vm_right)
				s->vm_right->vm_parent = fix;
			s->vm_right = vma->vm_right;
			s->vm_right->vm_parent = s;
		}
		s->vm_left = vma->vm_left;
		s->vm_left->vm_parent = s;
		replace_child(mm, vma, s);
		s->vm_rb_height = vma->vm_rb_height;
	} else {
		struct vm_area_struct *child = vma->vm_left ? vma->vm_left : vma->vm_right;

		fix = vma->vm_parent;
		replace_child(mm, vma, child);
	}
	list_del(&vma->vm_list);
	vma->vm_left = vma->vm_right = vma->vm_parent = NULL;
	mm->map_count--;
	rebalance(mm, fix);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v = mm->mm_rb, *best = NULL;

	while (v) {
		if (v->vm_end > addr) {
			best = v;
			if (v->vm_start <= addr)
				break;
			v = v->vm_left;
		} else {
			v = v->vm_right;
		}
	}
	return best;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	if (v && v->vm_start < end)
		return v;
	return NULL;
}

struct vm_area_struct *vma_prev(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &mm->mmap_list)
		return NULL;
	return list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma->vm_list.next == &mm->mmap_list)
		return NULL;
	return list_entry(vma->vm_list.next, struct vm_area_struct, vm_list);
}

/* Checks one subtree; returns its height or a negative error. */
static int check_subtree(struct vm_area_struct *v, struct vm_area_struct *parent,
			 unsigned long lo, unsigned long hi, int *count)
{
	int l, r;

	if (!v)
		return 0;
	if (v->vm_parent != parent)
		return -1;
	if (v->vm_start >= v->vm_end || v->vm_start < lo || v->vm_end > hi)
		return -2;
	if ((v->vm_start | v->vm_end) & ~PAGE_MASK)
		return -3;
	l = check_subtree(v->vm_left, v, lo, v->vm_start, count);
	if (l < 0)
		return l;
	r = check_subtree(v->vm_right, v, v->vm_end, hi, count);
	if (r < 0)
		return r;
	if (l - r > 1 || r - l > 1)
		return -4;
	if (v->vm_rb_height != (l > r ? l : r) + 1)
		return -5;
	(*count)++;
	return v->vm_rb_height;
}

int vma_tree_check(struct mm_struct *mm)
{
	struct vm_area_struct *v;
	unsigned long last_end = 0;
	int count = 0, listed = 0, h;

	h = check_subtree(mm->mm_rb, NULL, 0, ~0UL, &count);
	if (h < 0)
		return h;
	if (count != mm->map_count)
		return -6;
	for_each_vma(mm, v) {
		if (v->vm_start < last_end)
			return -7;
		if (find_vma(mm, v->vm_start) != v || v->vm_mm != mm)
			return -8;
		last_end = v->vm_end;
		listed++;
	}
	if (listed != count)
		return -9;
	return 0;
}
