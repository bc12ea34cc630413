;; Escape-time kernel in WebAssembly SIMD. It must give exactly the iteration counts and norms of
;; escapeScalar in ../kernel.ts (the colouring depends on the bits), so every pixel goes through the
;; same f64 operations in the same order: xx = x*x, yy = y*y, xy = x*y, escape iff xx + yy > 4,
;; x = (xx - yy) + cx, y = (xy + xy) + cy (2*xy == xy + xy exactly). Wasm has no implicit FMA.
;;
;; Why this shape (measured on the default view, one core; see bench/kernel.bench.ts):
;; - One pixel is a chain of three dependent f64 operations per iteration (mul, sub, add), so a lone
;;   pixel leaves the FP units mostly idle. Four f64x2 vectors (8 pixels in flight) fill them:
;;   2 vectors ran at ~1.2 G iterations/s, 4 at ~1.4, 5 no better (x64 has 16 vector registers).
;; - A lane is refilled with the next pixel as soon as its own pixel is done, rather than freezing
;;   it until the slowest of its group finishes. Then all 8 lanes are live whenever the hot loop
;;   runs, and the loop needs no masks, blends or per-lane counters: it leaves as soon as any lane
;;   escapes or the oldest lane reaches maxIter, and the rare bookkeeping is done outside it.
;;   Groups with frozen lanes and i64x2 counters measured ~0.9 G/s with 4 vectors, 0.67 with 2.
;; - Between runs of the hot loop the lanes live in memory (the scratch below), so the bookkeeping
;;   is one loop over a lane index instead of 8 unrolled copies, and it visits only the lanes that
;;   finished (a bitmask): ~5% faster than visiting all 8 on every exit.
(module
  (memory (export "memory") 1)

  ;; Lane scratch, 8 lanes; lane l of vector k is lane 2k + l (little-endian, as v128.load reads it).
  ;;   0 X, 64 Y: z        128 CX, 192 CY: c
  ;;   256 PIX (i32): the lane's pixel index, -1 when it holds none. An empty lane runs c = 0,
  ;;       which stays at z = 0: it never escapes, so it never stops the hot loop.
  ;;   288 END (i32): the value of the iteration counter $i at which the lane reaches maxIter.
  ;;       $i and END wrap modulo 2^32; only differences are used, and those stay exact.
  ;; Everything from heapBase on belongs to the caller (the iters and norms arrays).
  (global (export "heapBase") i32 (i32.const 512))

  ;; Computes rowCount rows of width pixels: iters (u32) and norms (f64), row-major, at the given
  ;; byte addresses (norms 8-aligned). maxIter must be in [0, 2^31).
  (func (export "rows")
    (param $xmin f64) (param $xspan f64) (param $ymin f64) (param $yspan f64) (param $denom f64)
    (param $width i32) (param $maxIter i32) (param $rowStart i32) (param $rowCount i32)
    (param $iters i32) (param $norms i32)
    (local $count i32) (local $p i32) (local $ix i32) (local $row i32) (local $rowCy f64)
    (local $i i32) (local $n i32) (local $budget i32) (local $live i32) (local $mask i32)
    (local $l i32) (local $l4 i32) (local $l8 i32) (local $pix i32) (local $it i32) (local $s f64)
    (local $four v128)
    (local $x0 v128) (local $y0 v128) (local $cx0 v128) (local $cy0 v128) (local $xx0 v128) (local $yy0 v128) (local $xy0 v128)
    (local $x1 v128) (local $y1 v128) (local $cx1 v128) (local $cy1 v128) (local $xx1 v128) (local $yy1 v128) (local $xy1 v128)
    (local $x2 v128) (local $y2 v128) (local $cx2 v128) (local $cy2 v128) (local $xx2 v128) (local $yy2 v128) (local $xy2 v128)
    (local $x3 v128) (local $y3 v128) (local $cx3 v128) (local $cy3 v128) (local $xx3 v128) (local $yy3 v128) (local $xy3 v128)

    (local.set $four (v128.const f64x2 4 4))
    (local.set $count (i32.mul (local.get $width) (local.get $rowCount)))
    ;; Same expression as the scalar kernel: ymin + (yspan * row) / denom.
    (local.set $rowCy (f64.add (local.get $ymin)
      (f64.div (f64.mul (local.get $yspan) (f64.convert_i32_u (local.get $rowStart))) (local.get $denom))))

    ;; All lanes start empty and are all "done", so the first pass below fills every one.
    (local.set $l (i32.const 0))
    (loop $clear
      (i32.store offset=256 (i32.shl (local.get $l) (i32.const 2)) (i32.const -1))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br_if $clear (i32.lt_u (local.get $l) (i32.const 8))))
    (local.set $mask (i32.const 0xff))

    (loop $run
      ;; Write out the result of every lane in $mask and give it the next pixel.
      (block $refilled
        (loop $lanes
          (br_if $refilled (i32.eqz (local.get $mask)))
          (local.set $l (i32.ctz (local.get $mask)))
          (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
          (local.set $l4 (i32.shl (local.get $l) (i32.const 2)))
          (local.set $l8 (i32.shl (local.get $l) (i32.const 3)))
          (local.set $pix (i32.load offset=256 (local.get $l4)))
          (if (i32.ge_s (local.get $pix) (i32.const 0))
            (then
              (local.set $it (i32.sub (local.get $maxIter)
                (i32.sub (i32.load offset=288 (local.get $l4)) (local.get $i))))
              ;; An escaped lane stopped before its update, so this is the very xx + yy it escaped on.
              (local.set $s (f64.add
                (f64.mul (f64.load offset=0 (local.get $l8)) (f64.load offset=0 (local.get $l8)))
                (f64.mul (f64.load offset=64 (local.get $l8)) (f64.load offset=64 (local.get $l8)))))
              (if (i32.eq (local.get $it) (local.get $maxIter))
                (then (local.set $s (f64.div (local.get $s) (f64.const 2)))))
              (i32.store (i32.add (local.get $iters) (i32.shl (local.get $pix) (i32.const 2))) (local.get $it))
              (f64.store (i32.add (local.get $norms) (i32.shl (local.get $pix) (i32.const 3))) (local.get $s))
              (local.set $live (i32.sub (local.get $live) (i32.const 1)))))
          (f64.store offset=0 (local.get $l8) (f64.const 0))
          (f64.store offset=64 (local.get $l8) (f64.const 0))
          (if (i32.lt_u (local.get $p) (local.get $count))
            (then
              (i32.store offset=256 (local.get $l4) (local.get $p))
              (i32.store offset=288 (local.get $l4) (i32.add (local.get $i) (local.get $maxIter)))
              ;; Same expression as the scalar kernel: xmin + (xspan * ix) / denom.
              (f64.store offset=128 (local.get $l8) (f64.add (local.get $xmin)
                (f64.div (f64.mul (local.get $xspan) (f64.convert_i32_u (local.get $ix))) (local.get $denom))))
              (f64.store offset=192 (local.get $l8) (local.get $rowCy))
              (local.set $live (i32.add (local.get $live) (i32.const 1)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (local.set $ix (i32.add (local.get $ix) (i32.const 1)))
              (if (i32.eq (local.get $ix) (local.get $width))
                (then
                  (local.set $ix (i32.const 0))
                  (local.set $row (i32.add (local.get $row) (i32.const 1)))
                  (local.set $rowCy (f64.add (local.get $ymin)
                    (f64.div (f64.mul (local.get $yspan) (f64.convert_i32_u (i32.add (local.get $rowStart) (local.get $row))))
                      (local.get $denom)))))))
            (else
              ;; No pixels left: an empty lane. END = i - 1 puts its end 2^32 - 1 iterations away
              ;; (unsigned) while every live lane ends within maxIter < 2^31: it never sets the
              ;; budget below, nor is it ever found at its end.
              (i32.store offset=256 (local.get $l4) (i32.const -1))
              (i32.store offset=288 (local.get $l4) (i32.sub (local.get $i) (i32.const 1)))
              (f64.store offset=128 (local.get $l8) (f64.const 0))
              (f64.store offset=192 (local.get $l8) (f64.const 0))))
          (br $lanes)))
      (if (i32.eqz (local.get $live)) (then (return)))

      ;; The hot loop may run until the oldest lane reaches maxIter (0 when maxIter is 0).
      (local.set $budget (i32.const -1))
      (local.set $l (i32.const 0))
      (loop $oldest
        (local.set $n (i32.sub (i32.load offset=288 (local.get $l)) (local.get $i)))
        (local.set $budget (select (local.get $n) (local.get $budget) (i32.lt_u (local.get $n) (local.get $budget))))
        (local.set $l (i32.add (local.get $l) (i32.const 4)))
        (br_if $oldest (i32.lt_u (local.get $l) (i32.const 32))))

      (local.set $x0 (v128.load offset=0 (i32.const 0)))
      (local.set $x1 (v128.load offset=16 (i32.const 0)))
      (local.set $x2 (v128.load offset=32 (i32.const 0)))
      (local.set $x3 (v128.load offset=48 (i32.const 0)))
      (local.set $y0 (v128.load offset=64 (i32.const 0)))
      (local.set $y1 (v128.load offset=80 (i32.const 0)))
      (local.set $y2 (v128.load offset=96 (i32.const 0)))
      (local.set $y3 (v128.load offset=112 (i32.const 0)))
      (local.set $cx0 (v128.load offset=128 (i32.const 0)))
      (local.set $cx1 (v128.load offset=144 (i32.const 0)))
      (local.set $cx2 (v128.load offset=160 (i32.const 0)))
      (local.set $cx3 (v128.load offset=176 (i32.const 0)))
      (local.set $cy0 (v128.load offset=192 (i32.const 0)))
      (local.set $cy1 (v128.load offset=208 (i32.const 0)))
      (local.set $cy2 (v128.load offset=224 (i32.const 0)))
      (local.set $cy3 (v128.load offset=240 (i32.const 0)))

      ;; The hot loop: $n full iterations of all 8 lanes.
      (local.set $n (i32.const 0))
      (block $exit
        (br_if $exit (i32.eqz (local.get $budget)))
        (loop $iter
          (local.set $xx0 (f64x2.mul (local.get $x0) (local.get $x0)))
          (local.set $yy0 (f64x2.mul (local.get $y0) (local.get $y0)))
          (local.set $xy0 (f64x2.mul (local.get $x0) (local.get $y0)))
          (local.set $xx1 (f64x2.mul (local.get $x1) (local.get $x1)))
          (local.set $yy1 (f64x2.mul (local.get $y1) (local.get $y1)))
          (local.set $xy1 (f64x2.mul (local.get $x1) (local.get $y1)))
          (local.set $xx2 (f64x2.mul (local.get $x2) (local.get $x2)))
          (local.set $yy2 (f64x2.mul (local.get $y2) (local.get $y2)))
          (local.set $xy2 (f64x2.mul (local.get $x2) (local.get $y2)))
          (local.set $xx3 (f64x2.mul (local.get $x3) (local.get $x3)))
          (local.set $yy3 (f64x2.mul (local.get $y3) (local.get $y3)))
          (local.set $xy3 (f64x2.mul (local.get $x3) (local.get $y3)))
          ;; gt, as the scalar's `>`: a NaN norm does not escape there either.
          (br_if $exit (v128.any_true (v128.or
            (v128.or
              (f64x2.gt (f64x2.add (local.get $xx0) (local.get $yy0)) (local.get $four))
              (f64x2.gt (f64x2.add (local.get $xx1) (local.get $yy1)) (local.get $four)))
            (v128.or
              (f64x2.gt (f64x2.add (local.get $xx2) (local.get $yy2)) (local.get $four))
              (f64x2.gt (f64x2.add (local.get $xx3) (local.get $yy3)) (local.get $four))))))
          (local.set $x0 (f64x2.add (f64x2.sub (local.get $xx0) (local.get $yy0)) (local.get $cx0)))
          (local.set $y0 (f64x2.add (f64x2.add (local.get $xy0) (local.get $xy0)) (local.get $cy0)))
          (local.set $x1 (f64x2.add (f64x2.sub (local.get $xx1) (local.get $yy1)) (local.get $cx1)))
          (local.set $y1 (f64x2.add (f64x2.add (local.get $xy1) (local.get $xy1)) (local.get $cy1)))
          (local.set $x2 (f64x2.add (f64x2.sub (local.get $xx2) (local.get $yy2)) (local.get $cx2)))
          (local.set $y2 (f64x2.add (f64x2.add (local.get $xy2) (local.get $xy2)) (local.get $cy2)))
          (local.set $x3 (f64x2.add (f64x2.sub (local.get $xx3) (local.get $yy3)) (local.get $cx3)))
          (local.set $y3 (f64x2.add (f64x2.add (local.get $xy3) (local.get $xy3)) (local.get $cy3)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br_if $iter (i32.lt_u (local.get $n) (local.get $budget)))))

      (v128.store offset=0 (i32.const 0) (local.get $x0))
      (v128.store offset=16 (i32.const 0) (local.get $x1))
      (v128.store offset=32 (i32.const 0) (local.get $x2))
      (v128.store offset=48 (i32.const 0) (local.get $x3))
      (v128.store offset=64 (i32.const 0) (local.get $y0))
      (v128.store offset=80 (i32.const 0) (local.get $y1))
      (v128.store offset=96 (i32.const 0) (local.get $y2))
      (v128.store offset=112 (i32.const 0) (local.get $y3))
      (local.set $i (i32.add (local.get $i) (local.get $n)))

      (if (i32.lt_u (local.get $n) (local.get $budget))
        (then
          ;; Left on an escape: the lanes that escaped (the others are re-tested next run). The
          ;; test is recomputed from x and y: keeping xx and yy alive after the loop made the
          ;; compiler spill them to the stack on every iteration.
          (local.set $mask (i32.or
            (i32.or
              (i64x2.bitmask (f64x2.gt (f64x2.add (f64x2.mul (local.get $x0) (local.get $x0)) (f64x2.mul (local.get $y0) (local.get $y0))) (local.get $four)))
              (i32.shl (i64x2.bitmask (f64x2.gt (f64x2.add (f64x2.mul (local.get $x1) (local.get $x1)) (f64x2.mul (local.get $y1) (local.get $y1))) (local.get $four))) (i32.const 2)))
            (i32.or
              (i32.shl (i64x2.bitmask (f64x2.gt (f64x2.add (f64x2.mul (local.get $x2) (local.get $x2)) (f64x2.mul (local.get $y2) (local.get $y2))) (local.get $four))) (i32.const 4))
              (i32.shl (i64x2.bitmask (f64x2.gt (f64x2.add (f64x2.mul (local.get $x3) (local.get $x3)) (f64x2.mul (local.get $y3) (local.get $y3))) (local.get $four))) (i32.const 6))))))
        (else
          ;; Left on the budget: the lanes that reached maxIter (their norm is not tested, as in
          ;; the scalar loop; lanes that escape on this state are caught by the next run's test).
          (local.set $mask (i32.const 0))
          (local.set $l (i32.const 0))
          (loop $ended
            (local.set $mask (i32.or (local.get $mask)
              (i32.shl (i32.eq (i32.load offset=288 (i32.shl (local.get $l) (i32.const 2))) (local.get $i)) (local.get $l))))
            (local.set $l (i32.add (local.get $l) (i32.const 1)))
            (br_if $ended (i32.lt_u (local.get $l) (i32.const 8))))))
      (br $run)))
)
