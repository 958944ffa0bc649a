export const id = 483;
export const ids = [483];
export const modules = {

/***/ 4483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPlan: () => (/* binding */ runPlan)
/* harmony export */ });
/* harmony import */ var _pipeline_model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8615);
/* harmony import */ var _pipeline_plan_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7536);
/* harmony import */ var _report_plan_table_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4046);



async function runPlan(file, cfg, measure, json, io) {
    const { plan } = await (0,_pipeline_plan_js__WEBPACK_IMPORTED_MODULE_1__/* .planModel */ .B)((0,_pipeline_model_js__WEBPACK_IMPORTED_MODULE_0__/* .loadModel */ .c)(file), cfg, measure, io);
    io.stdout(json ? `${JSON.stringify(plan, null, 2)}\n` : (0,_report_plan_table_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlanTable */ .pp)(plan));
    return 0;
}


/***/ })

};
