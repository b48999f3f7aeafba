package org.calpe.lvs.engine;

import java.util.Arrays;

/** A binary min-heap of {@link Timer}s by due time, with O(log n) removal through each timer's index. */
public final class TimerHeap {
    private Timer[] heap = new Timer[64];
    private int size;

    public int size() {
        return size;
    }

    /** The earliest timer, or null. */
    public Timer peek() {
        return size == 0 ? null : heap[0];
    }

    public void schedule(Timer t, long due) {
        if (t.heapIndex >= 0) {
            long old = t.due;
            t.due = due;
            if (due < old) {
                up(t.heapIndex);
            } else {
                down(t.heapIndex);
            }
            return;
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        t.due = due;
        heap[size] = t;
        t.heapIndex = size;
        size++;
        up(size - 1);
    }

    public void cancel(Timer t) {
        int i = t.heapIndex;
        if (i < 0) {
            return;
        }
        t.heapIndex = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        Timer last = heap[size];
        heap[size] = null;
        heap[i] = last;
        last.heapIndex = i;
        up(i);
        down(last.heapIndex);
    }

    /** Removes and returns the earliest timer if it is due at {@code now}, else null. */
    public Timer pollDue(long now) {
        if (size == 0 || heap[0].due - now > 0) {
            return null;
        }
        Timer t = heap[0];
        cancel(t);
        return t;
    }

    private void up(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            Timer parent = heap[p];
            if (parent.due - t.due <= 0) {
                break;
            }
            heap[i] = parent;
            parent.heapIndex = i;
            i = p;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void down(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            if (r < size && heap[r].due - heap[c].due < 0) {
                c = r;
            }
            if (t.due - heap[c].due <= 0) {
                break;
            }
            heap[i] = heap[c];
            heap[i].heapIndex = i;
            i = c;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}
